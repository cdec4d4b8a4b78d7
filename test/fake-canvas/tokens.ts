// Access tokens of the sample data set (test/fixtures/canvas/users.json). They only
// work against the fake Canvas server.

/** Dana Whitfield, admin of root account 1 (SIS enabled) and of its sub-account 2. */
export const DEMO_TOKEN = '1~NwDemoAdm7c2f9a41b8e35d06f1a2c4e8b9d3f7a0e5c1b6d2f8a4e9c3b7d1e6f';

/** Dana Whitfield's token that expired on 2026-11-13, before the data set's clock. */
export const EXPIRED_TOKEN = '1~NwExpired3b9e1c7d5a2f8e4b6c0d9a3f7e1b5c8d2a6f0e4b9c3d7a1f5e8b2c6';

/** Dana Whitfield's token that she deleted (revoked). */
export const REVOKED_TOKEN = '1~NwRevoked8d4a2f6c0e9b3d7a1f5c8e2b6d0a4f9c3e7b1d5a8f2c6e0b4d9a3f7';

/** Marcus Ortega, a teacher who administers no account. */
export const TEACHER_TOKEN = '1~NwTeacher5e1b9d3f7a2c6e0b4d8a3f7c1e5b9d2a6f0c4e8b3d7a1f5c9e2b6d0';

/** Priya Raman, admin of root account 10 "Lakeside Community College" where SIS is disabled. */
export const SIS_DISABLED_ADMIN_TOKEN = '2~LkSisOff9a3d7f1c5e8b2d6a0f4c9e3b7d1a5f8c2e6b0d4a9f3c7e1b5d8a2f6c';

/** Grace Liu, admin of sub-account 2 only, so none of her accounts has SIS imports. */
export const SUB_ACCOUNT_ADMIN_TOKEN = '1~NwSubAdm2f6c0e4b8d3a7f1c5e9b2d6a0f4c8e3b7d1a5f9c2e6b0d4a8f3c7e1b';
