package io.nurtureflow.customer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.system.BadInput;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Takes a captured lead in: stores it and, in the same transaction, hands it to lead-intake.
 * Intakes of the same identities queue up on this node (a striped lock), so a family tapping "submit" on every
 * device does not turn into a lock storm. Across nodes the database's identity key stops every customer but the
 * first (and the database may pick a deadlock victim); the losing intakes are taken again and find the first one.
 */
@Service
public class LeadIntake {

    private static final int ATTEMPTS = 6;
    private static final int STRIPES = 256;
    private static final int ANSWERS_LENGTH = 2000;

    private final LeadMapper leads;
    private final CrmLookup crm;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final boolean queueIntakes;

    LeadIntake(LeadMapper leads, CrmLookup crm, ApplicationEventPublisher events, PlatformTransactionManager transactions,
               ObjectMapper json, CustomerSettings settings, Clock clock) {
        this.leads = leads;
        this.crm = crm;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
        Arrays.setAll(stripes, i -> new ReentrantLock());
        this.queueIntakes = settings.queueIntakes();
    }

    /** A lead with no recorded consent: a WeCom contact, or an integration that did not pass one. */
    public IntakeResult capture(CapturedLead lead) {
        return capture(lead, null);
    }

    /** The consent, when there is one, is stored in the lead's own row: a lead is never written without it. */
    public IntakeResult capture(CapturedLead lead, Consent consent) {
        if (!lead.hasIdentity()) {
            throw new BadInput("phone", "A lead needs a phone, a unionid, an external user id or an email.");
        }
        var normalized = lead.email() == null ? lead : new CapturedLead(lead.channelId(), lead.scanId(), lead.source(),
                lead.name(), lead.phone(), lead.unionid(), lead.externalUserId(), lead.assignedRep(),
                EmailAddresses.normalize(lead.email(), "email"), lead.answers());
        String answers = answers(normalized);
        // outside the intake's transaction: a slow CRM holds no locks, and a down CRM changes nothing
        crm.refresh(normalized.phone());
        var locks = stripesOf(normalized);
        locks.forEach(ReentrantLock::lock);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return transaction.execute(status -> captureOnce(normalized, answers, consent));
                } catch (RuntimeException e) {
                    if (attempt == ATTEMPTS || !raced(e)) {
                        throw e;
                    }
                }
            }
        } finally {
            locks.forEach(ReentrantLock::unlock);
        }
    }

    /** In index order, so two intakes sharing two identities cannot wait for each other. */
    private List<ReentrantLock> stripesOf(CapturedLead lead) {
        if (!queueIntakes) {
            return List.of();
        }
        return Stream.of(lead.phone(), lead.unionid(), lead.externalUserId(), lead.email())
                .filter(Objects::nonNull).mapToInt(value -> Math.floorMod(value.hashCode(), STRIPES))
                .distinct().sorted().mapToObj(i -> stripes[i]).toList();
    }

    private IntakeResult captureOnce(CapturedLead lead, String answers, Consent consent) {
        var row = new LeadMapper.LeadRow();
        leads.insert(lead, answers, consent, clock.instant(), row);
        events.publishEvent(new LeadCaptured(row.id));
        var stored = leads.find(row.id).orElseThrow();
        return new IntakeResult(row.id, stored.customerId(), stored.outcome());
    }

    private String answers(CapturedLead lead) {
        if (lead.answers().isEmpty()) {
            return null;
        }
        try {
            String text = json.writeValueAsString(lead.answers());
            if (text.length() > ANSWERS_LENGTH) {
                throw new BadInput("answers", "answers are longer than " + ANSWERS_LENGTH + " characters.");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new BadInput("answers", "answers must be plain text values.");
        }
    }

    /** Another intake of the same person won the race; the engine may wrap the database's word for it. */
    private static boolean raced(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException || cause instanceof ConcurrencyFailureException
                    || cause instanceof SQLTransactionRollbackException
                    || cause instanceof java.sql.SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
