package io.nurtureflow.report;

import io.nurtureflow.system.PerTransaction;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * The writes a transaction makes to the day roll-ups' shared rows, made just before it commits, in one order of rows.
 * Every lead of a channel and rep counts in the same funnel row of its day, every task of a rep in the same task row:
 * written where the fact happens, such a row stayed locked for the rest of the transaction (for an intake, all of the
 * engine's work on both of its processes), so concurrent intakes of one channel took turns on it. Written last, a row
 * is held only while the transaction commits, and the one order keeps two transactions from waiting on each other.
 * A write still happens inside the fact's transaction: the fact and its count commit, or roll back, together.
 * Outside a transaction, or once this one's writes are made, a write happens at once.
 */
@Component
class DayCounts {

    private final RollupMapper rollups;
    /** Last of a transaction's hand-overs: the shared rows are held for as short a time as can be. */
    private final PerTransaction<List<Write>> pending =
            new PerTransaction<>(ArrayList::new, this::writeInRowOrder, Ordered.HIGHEST_PRECEDENCE + 1);

    DayCounts(RollupMapper rollups) {
        this.rollups = rollups;
    }

    /** The key a shared row is ordered by: its table and its key columns. */
    static String row(String table, Object... keyColumns) {
        var key = new StringJoiner("\u001f", table + "\u001f", "");
        for (Object column : keyColumns) {
            key.add(String.valueOf(column));
        }
        return key.toString();
    }

    void write(String row, Consumer<RollupMapper> write) {
        pending.current().ifPresentOrElse(writes -> writes.add(new Write(row, write)), () -> write.accept(rollups));
    }

    /** In row order; a stable sort keeps the writes of one row in the order they were made. */
    private void writeInRowOrder(List<Write> writes) {
        writes.sort(Comparator.comparing(Write::row));
        writes.forEach(write -> write.write().accept(rollups));
    }

    private record Write(String row, Consumer<RollupMapper> write) {
    }
}
