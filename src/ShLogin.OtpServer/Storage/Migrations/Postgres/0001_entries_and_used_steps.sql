-- Entries (the seed's appuuid, name, realm, username, trusted) with their sealed seeds, and the
-- (entry, step) pairs whose codes were accepted: the primary key refuses a replay, also one that
-- reaches another instance.
CREATE TABLE otp_entry (
    appuuid    TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    realm      TEXT    NOT NULL,
    username   TEXT    NOT NULL,
    trusted    INTEGER NOT NULL,
    seed       BYTEA   NOT NULL,
    created_at BIGINT  NOT NULL,
    UNIQUE (name, realm)
);

CREATE TABLE otp_used_step (
    appuuid TEXT   NOT NULL REFERENCES otp_entry (appuuid),
    step    BIGINT NOT NULL,
    PRIMARY KEY (appuuid, step)
);
