package io.nurtureflow.report;

import io.nurtureflow.customer.LeadFunnel;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fact's count in a shared day row is written as its transaction commits, not where the fact happens: until then
 * the row is neither written nor locked by it, so concurrent intakes of one channel and rep do not take turns on it
 * for the rest of their transactions. The count still commits and rolls back with its fact.
 */
@ServiceTest
class DayCountsTest {

    @Autowired
    LeadFunnel funnel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    Clock clock;

    @Test
    void aCountIsWrittenAsItsTransactionCommitsAndNotBefore() {
        long channel = channel();
        var transaction = new TransactionTemplate(transactions);

        List<Long> insideAfterTwoScans = transaction.execute(status -> {
            funnel.scanned(channel, null, "day-counts-rep", clock.instant());
            funnel.scanned(channel, null, "day-counts-rep", clock.instant());
            return scans(channel);
        });

        assertThat(insideAfterTwoScans).as("nothing written, so nothing locked, before the commit").isEmpty();
        assertThat(scans(channel)).containsExactly(2L);
    }

    @Test
    void aCountRollsBackWithItsFact() {
        long channel = channel();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            funnel.scanned(channel, null, "day-counts-rep", clock.instant());
            status.setRollbackOnly();
        });

        assertThat(scans(channel)).isEmpty();
    }

    @Test
    void aTransactionStartedInsideAnotherCommitsItsOwnCountsWhenItCommits() {
        long outerChannel = channel();
        long innerChannel = channel();
        var outer = new TransactionTemplate(transactions);
        var inner = new TransactionTemplate(transactions);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        List<Long> outerAfterInner = outer.execute(status -> {
            funnel.scanned(outerChannel, null, "day-counts-rep", clock.instant());
            inner.executeWithoutResult(nested -> funnel.scanned(innerChannel, null, "day-counts-rep", clock.instant()));
            assertThat(scans(innerChannel)).as("the inner transaction's count, committed with it").containsExactly(1L);
            funnel.scanned(outerChannel, null, "day-counts-rep", clock.instant());
            return scans(outerChannel);
        });

        assertThat(outerAfterInner).isEmpty();
        assertThat(scans(outerChannel)).containsExactly(2L);
        assertThat(scans(innerChannel)).containsExactly(1L);
    }

    @Test
    void outsideATransactionACountIsWrittenAtOnce() {
        long channel = channel();

        funnel.scanned(channel, null, "day-counts-rep", clock.instant());

        assertThat(scans(channel)).containsExactly(1L);
    }

    private List<Long> scans(long channel) {
        return jdbc.queryForList("select scanned_total from report_funnel_day where channel_id = ?", Long.class,
                channel);
    }

    /** A channel id no other test counts under, on a database the suite shares. */
    private static long channel() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
    }
}
