package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.Role;
import io.nurtureflow.system.UserDirectory;
import io.nurtureflow.wecom.ExternalContacts;
import io.nurtureflow.wecom.WeComContact;
import io.nurtureflow.wecom.WeComException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Imports each rep's existing WeCom customers in the background, as the CRM import does its files: WeCom's
 * batch/get_by_user (developer.work.weixin.qq.com/document/path/92994) page by page, up to 100 reps a call, one
 * transaction and one progress update per page. Every contact goes through {@link WeComFollows}, whose matching
 * makes a second import (or one after a crash) change nothing. A WeCom failure ends the import as FAILED with
 * the cursor it had reached; what the pages before it did stays. Imported customers start no lifecycle: they are
 * the reps' existing relations, not new leads, and an SOP for new leads would greet them as strangers.
 */
@Service
public class WeComImports {

    private static final Logger log = LoggerFactory.getLogger(WeComImports.class);
    private static final int USERNAME_LENGTH = 64;
    private static final int REPS_COLUMN = 2000;
    private static final int MESSAGE_COLUMN = 300;

    private final WeComImportMapper imports;
    private final WeComFollows follows;
    private final UserDirectory users;
    private final ObjectProvider<ExternalContacts> externalContacts;
    private final TransactionTemplate pageTransaction;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "wecom-import");
        thread.setDaemon(true);
        return thread;
    });

    WeComImports(WeComImportMapper imports, WeComFollows follows, UserDirectory users,
                 ObjectProvider<ExternalContacts> externalContacts, PlatformTransactionManager transactions,
                 Clock clock) {
        this.imports = imports;
        this.follows = follows;
        this.users = users;
        this.externalContacts = externalContacts;
        this.pageTransaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The named reps' contacts, or every rep's when none are named; poll {@link #find(long)}. */
    public WeComImport start(List<String> reps, String by) {
        var wecom = externalContacts.getIfAvailable();
        if (wecom == null) {
            throw new Conflict("wecom", "WeCom is not configured (nurture.wecom.corp-id and secret): there are no "
                    + "WeCom contacts to import.");
        }
        var named = named(reps);
        var row = new WeComImportMapper.ImportRow();
        row.reps = named.isEmpty() ? null : clip(String.join(",", named), REPS_COLUMN);
        row.startedBy = by;
        row.startedAt = clock.instant();
        imports.insert(row);
        long id = row.id;
        worker.submit(() -> run(id, wecom, named.isEmpty() ? users.membersOf(Role.REP) : List.copyOf(named)));
        return find(id);
    }

    public WeComImport find(long id) {
        return imports.find(id).orElseThrow(() -> new NotFound("No WeCom import " + id + "."));
    }

    public List<WeComImport.ContactError> errors(long id, int limit) {
        find(id);
        return imports.errors(id, limit);
    }

    private void run(long id, ExternalContacts wecom, List<String> reps) {
        var counts = new CrmImport.Counts();
        long pages = 0;
        var errors = new ArrayList<WeComImport.ContactError>();
        var ours = new ArrayList<String>();
        // WeCom user ids are taken to be our usernames: anyone else's contacts would belong to nobody here
        reps.stream().sorted().forEach(rep -> {
            if (users.isMember(rep, Role.REP)) {
                ours.add(rep);
            } else {
                errors.add(error(counts, rep, null, rep + " is not one of our reps (WeCom user ids are our usernames)"));
            }
        });
        String cursor = null;
        try {
            store(id, List.of(), List.of(), errors, counts, 0, null);
            for (int from = 0; from < ours.size(); from += ExternalContacts.MAX_USERS_PER_CALL) {
                var group = ours.subList(from, Math.min(ours.size(), from + ExternalContacts.MAX_USERS_PER_CALL));
                do {
                    var page = wecom.byUsers(group, cursor);
                    cursor = page.nextCursor();
                    store(id, group, page.contacts(), errors, counts, ++pages, cursor);
                } while (cursor != null);
            }
            imports.finish(id, WeComImport.State.DONE, null, clock.instant());
        } catch (WeComException e) {
            log.warn("WeCom import {} stopped at page {} ({}): {}", id, pages + 1, e.errcode(), e.getMessage());
            imports.finish(id, WeComImport.State.FAILED, clip("WeCom failed (errcode " + e.errcode() + ") reading page "
                    + (pages + 1) + ": " + e.getMessage(), MESSAGE_COLUMN), clock.instant());
        } catch (RuntimeException e) {
            log.warn("WeCom import {} stopped after {} contacts: {}", id, counts.read, e.toString());
            imports.finish(id, WeComImport.State.FAILED, clip(Objects.toString(e.getMessage(), e.toString()),
                    MESSAGE_COLUMN), clock.instant());
        }
    }

    /** One page in one transaction, with its errors and the progress it made. */
    private void store(long id, List<String> group, List<WeComContact> contacts, List<WeComImport.ContactError> errors,
                       CrmImport.Counts counts, long pages, String cursor) {
        pageTransaction.executeWithoutResult(status -> {
            for (var contact : contacts) {
                counts.read++;
                // get_by_user lists one entry per (contact, user): its one follow is the rep's
                String rep = contact.follows().isEmpty() ? null : contact.follows().get(0).userId();
                if (rep == null || !group.contains(rep)) {
                    errors.add(error(counts, rep, contact.externalUserId(), "WeCom listed the contact for a user "
                            + "this import did not ask for"));
                } else if (contact.externalUserId() == null) {
                    errors.add(error(counts, rep, null, "WeCom listed a contact without external_userid"));
                } else {
                    switch (follows.take(contact, rep, WeComContactMatching.Unmatched.CREATE)) {
                        case CREATED -> counts.created++;
                        case UPDATED -> counts.updated++;
                        default -> counts.unchanged++;
                    }
                }
            }
            if (!errors.isEmpty()) {
                imports.insertErrors(id, errors);
            }
            imports.progress(id, counts, pages, cursor);
        });
        errors.clear();
    }

    private static WeComImport.ContactError error(CrmImport.Counts counts, String rep, String externalUserId,
                                                  String message) {
        counts.failed++;
        return new WeComImport.ContactError(counts.failed, rep == null ? null : clip(rep, USERNAME_LENGTH),
                externalUserId, clip(message, MESSAGE_COLUMN));
    }

    private static Set<String> named(List<String> reps) {
        var named = new LinkedHashSet<String>();
        if (reps == null) {
            return named;
        }
        for (String rep : reps) {
            if (rep == null || rep.isBlank() || rep.strip().length() > USERNAME_LENGTH) {
                throw new BadInput("reps", "reps must be usernames of at most " + USERNAME_LENGTH + " characters.");
            }
            named.add(rep.strip());
        }
        return named;
    }

    private static String clip(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
