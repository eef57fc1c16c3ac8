"""Turning decoded files into Activity rows: one transaction per file, idempotent, every file reported.

The stages for each file, one module each:

- ``read``: the size limits; the file's bytes and their SHA-256 (the same file twice adds nothing);
- ``store``: the ingestor, which decodes the totals, keeps runs and walks, has ``check`` judge them, and
  writes each file's rows and results in one transaction once its source copy is stored;
- ``check``: the plausibility rule (``training.importers.plausible``) and cross-source duplicates (start
  within 60 s and duration within 2%);
- ``job``: an import job from the uploads to its counts and audit entry; it then queues ``records``;
- ``records``: the per-point records for charts, decoded after the import, never on its critical path.

On a big import three things overlap: a helper thread reads and hashes the next files (zip reads, gunzip
and SHA-256 release the GIL), the main thread decodes, checks and writes, and another thread stores the
source copies. Duplicate checks stay exact because they run on the main thread, in file order, against
what the patient already has plus every file prepared before; files still commit one by one, in order.

Import from the stage modules; this package re-exports nothing.
"""
