/** Schema changes, applied in order at start. Never edit a shipped one; add the next. */
export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('organiser', 'trainer')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        trainer_id TEXT NOT NULL REFERENCES users(id),
        status TEXT NOT NULL CHECK (status IN ('live', 'ended')),
        created_at INTEGER NOT NULL,
        ended_at INTEGER
      );
      -- A join code is unique among live sessions; ended sessions free theirs.
      CREATE UNIQUE INDEX sessions_live_code ON sessions(code) WHERE status = 'live';
      CREATE INDEX sessions_code ON sessions(code);
      CREATE INDEX sessions_trainer ON sessions(trainer_id, created_at);
      CREATE TABLE events (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        command_id TEXT,
        PRIMARY KEY (session_id, seq)
      ) WITHOUT ROWID;
      -- Client-made command ids are random; one id is applied once, whichever session it names.
      CREATE UNIQUE INDEX events_command ON events(command_id) WHERE command_id IS NOT NULL;
    `,
  },
  {
    version: 2,
    sql: `
      -- Plans edited in the browser; file plans under content/plans are read-only templates.
      CREATE TABLE plans (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        based_on TEXT,
        created_by TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    sql: `
      -- Figures for the sessions list, kept with each append so the list never folds logs.
      ALTER TABLE sessions ADD COLUMN plan_id TEXT;
      ALTER TABLE sessions ADD COLUMN participants INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN notes INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX sessions_created ON sessions(created_at);
    `,
  },
  {
    version: 4,
    sql: `
      -- Uploaded videos; files live in MEDIA_DIR as <id>.<ext>, captions beside them as <id>.<lang>.vtt.
      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        file TEXT NOT NULL,
        type TEXT NOT NULL,
        size INTEGER NOT NULL,
        created_by TEXT,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 5,
    sql: `
      -- Part of every sign-in cookie; raised by sign-out and a password change, so older cookies stop working.
      ALTER TABLE users ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
