package io.nurtureflow.customer;

import java.time.Instant;

/** A CRM import as a caller polls it: where it stands and what it did so far. */
public record CrmImport(long id, String fileName, String charset, String status, long rowsRead, long rowsCreated,
                        long rowsUpdated, long rowsUnchanged, long rowsFailed, String message, String startedBy,
                        Instant startedAt, Instant finishedAt) {

    /** Running totals, written after every chunk. */
    static final class Counts {
        long read;
        long created;
        long updated;
        long unchanged;
        long failed;

        public long getRead() {
            return read;
        }

        public long getCreated() {
            return created;
        }

        public long getUpdated() {
            return updated;
        }

        public long getUnchanged() {
            return unchanged;
        }

        public long getFailed() {
            return failed;
        }
    }

    /** Why one line was not imported. */
    public record RowError(long lineNo, String field, String message) {
    }
}
