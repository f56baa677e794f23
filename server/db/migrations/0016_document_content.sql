-- Official documents (issue 11): the content a document was issued with, recorded in the act's transaction with its
-- number; the .docx (document_version 1) is rendered from it right after the commit, or on first read, so that the
-- act's transaction holds the number's sequence row for a few statements only (no rendering under the lock).
alter table document add column content jsonb;
alter table document add column content_sha256 text;
