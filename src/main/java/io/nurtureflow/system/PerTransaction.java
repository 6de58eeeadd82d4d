package io.nurtureflow.system;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a component gathers during one transaction: made on first use, handed over just before the transaction
 * commits, dropped when it ends (a rollback hands nothing over). A transaction suspended for another
 * (REQUIRES_NEW) keeps its own. Outside a transaction, and once this one's state is handed over, there is none:
 * the caller then acts at once.
 * <p>
 * The hand-over runs before MyBatis' own synchronization closes the transaction's session, so it can still write
 * in the transaction; among hand-overs, the lower {@code order} goes first.
 */
public final class PerTransaction<T> {

    private final Supplier<T> fresh;
    private final Consumer<T> beforeCommit;
    private final int order;

    public PerTransaction(Supplier<T> fresh, Consumer<T> beforeCommit, int order) {
        this.fresh = fresh;
        this.beforeCommit = beforeCommit;
        this.order = order;
    }

    /** State that is only read again, never handed over. */
    public PerTransaction(Supplier<T> fresh) {
        this(fresh, state -> { }, 0);
    }

    public Optional<T> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return Optional.empty();
        }
        var bound = (Bound) TransactionSynchronizationManager.getResource(this);
        if (bound == null) {
            bound = new Bound(fresh.get());
            TransactionSynchronizationManager.bindResource(this, bound);
            TransactionSynchronizationManager.registerSynchronization(bound);
        }
        return bound.handedOver ? Optional.empty() : Optional.of(bound.state);
    }

    private final class Bound implements TransactionSynchronization {

        final T state;
        boolean handedOver;

        Bound(T state) {
            this.state = state;
        }

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(PerTransaction.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(PerTransaction.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            handedOver = true;
            beforeCommit.accept(state);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(PerTransaction.this);
        }
    }
}
