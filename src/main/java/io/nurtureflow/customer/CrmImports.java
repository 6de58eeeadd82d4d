package io.nurtureflow.customer;

import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.UserDirectory;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.nurtureflow.customer.CrmColumns.Field;

/**
 * Imports customers from an existing CRM's CSV export (UTF-8 or GBK), streaming: the upload is spooled to a
 * temporary file and read one record at a time, a chunk of rows per transaction, progress written after every
 * chunk. A row that cannot be imported is reported with its line and field and the rest go on. Rows find their
 * customer by CRM id or phone, so importing the same file again changes nothing.
 */
@Service
public class CrmImports {

    private static final Logger log = LoggerFactory.getLogger(CrmImports.class);
    static final int CHUNK = 1000;
    private static final Set<String> CHARSETS = Set.of("UTF-8", "GBK", "GB18030");
    private static final ZoneId CRM_ZONE = ZoneId.of("Asia/Shanghai");

    private final CrmImportMapper imports;
    private final Owners owners;
    private final UserDirectory users;
    private final TransactionTemplate chunkTransaction;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        var thread = new Thread(runnable, "crm-import");
        thread.setDaemon(true);
        return thread;
    });

    CrmImports(CrmImportMapper imports, Owners owners, UserDirectory users, PlatformTransactionManager transactions,
               Clock clock) {
        this.imports = imports;
        this.owners = owners;
        this.users = users;
        this.chunkTransaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Spools the upload, checks its header, and imports it in the background; poll {@link #find(long)}. */
    public CrmImport start(InputStream upload, String fileName, String charsetName, Map<String, String> mapping,
                           String by) throws IOException {
        var charset = charset(charsetName);
        Path spooled = Files.createTempFile("crm-import-", ".csv");
        try {
            Files.copy(upload, spooled, StandardCopyOption.REPLACE_EXISTING);
            columns(spooled, charset, mapping);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spooled);
            throw e;
        }
        long id = register(fileName, charset, by);
        worker.submit(() -> {
            try {
                run(id, spooled, charset, mapping);
            } finally {
                deleteQuietly(spooled);
            }
        });
        return find(id);
    }

    /** Imports a file to the end in the calling thread (the benchmark, and scripts that want to wait). */
    public CrmImport importFile(Path file, String charsetName, Map<String, String> mapping, String by) throws IOException {
        var charset = charset(charsetName);
        columns(file, charset, mapping);
        long id = register(file.getFileName().toString(), charset, by);
        run(id, file, charset, mapping);
        return find(id);
    }

    public CrmImport find(long id) {
        return imports.find(id).orElseThrow(() -> new NotFound("No import " + id + "."));
    }

    public List<CrmImport.RowError> errors(long id, int limit) {
        find(id);
        return imports.errors(id, limit);
    }

    private long register(String fileName, Charset charset, String by) {
        var row = new CrmImportMapper.ImportRow();
        row.fileName = fileName == null || fileName.isBlank() ? "upload.csv"
                : fileName.length() > 200 ? fileName.substring(0, 200) : fileName;
        row.charset = charset.name();
        row.startedBy = by;
        row.startedAt = clock.instant();
        imports.insertImport(row);
        return row.id;
    }

    private void run(long id, Path file, Charset charset, Map<String, String> mapping) {
        var counts = new CrmImport.Counts();
        var ownerKnown = new HashMap<String, Boolean>();
        try (var csv = reader(file, charset)) {
            var columns = CrmColumns.of(csv.next(), mapping);
            var chunk = new ArrayList<CrmRow>(CHUNK);
            var errors = new ArrayList<CrmImport.RowError>();
            List<String> record;
            while ((record = csv.next()) != null) {
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                counts.read++;
                try {
                    chunk.add(row(csv.recordLine(), record, columns, ownerKnown));
                } catch (BadInput e) {
                    errors.add(new CrmImport.RowError(csv.recordLine(), e.field(), fitted(e.getMessage())));
                }
                if (chunk.size() + errors.size() >= CHUNK) {
                    store(id, chunk, errors, counts);
                }
            }
            store(id, chunk, errors, counts);
            imports.finish(id, "DONE", null, clock.instant());
        } catch (IOException | RuntimeException e) {
            log.warn("CRM import {} stopped after {} rows: {}", id, counts.read, e.toString());
            imports.finish(id, "FAILED", fitted(e.getMessage()), clock.instant());
        }
    }

    private void store(long id, List<CrmRow> chunk, List<CrmImport.RowError> errors, CrmImport.Counts counts) {
        chunkTransaction.executeWithoutResult(status -> {
            var outcome = new ChunkImport(imports, owners, clock).store(chunk);
            var all = new ArrayList<>(errors);
            all.addAll(outcome.errors());
            if (!all.isEmpty()) {
                imports.insertErrors(id, all);
            }
            counts.created += outcome.created();
            counts.updated += outcome.updated();
            counts.unchanged += outcome.unchanged();
            counts.failed += all.size();
            imports.progress(id, counts);
        });
        chunk.clear();
        errors.clear();
    }

    private CrmRow row(long line, List<String> record, CrmColumns columns, Map<String, Boolean> ownerKnown) {
        String crmId = limited(columns.value(record, Field.CRM_ID), 64, "crmId");
        String rawPhone = columns.value(record, Field.PHONE);
        if (rawPhone == null && crmId == null) {
            throw new BadInput("phone", "The row has neither a phone nor a CRM id.");
        }
        String phone = rawPhone == null ? null : PhoneNumbers.normalize(rawPhone, "phone");
        String rawEmail = columns.value(record, Field.EMAIL);
        String email = rawEmail == null ? null : EmailAddresses.normalize(rawEmail, "email");
        String owner = columns.value(record, Field.OWNER);
        if (owner != null && !ownerKnown.computeIfAbsent(owner, users::exists)) {
            throw new BadInput("owner", "No user '" + owner + "' to own the customer.");
        }
        String orderRef = limited(columns.value(record, Field.ORDER_REF), 64, "orderRef");
        String product = limited(columns.value(record, Field.PRODUCT), 200, "product");
        String amount = columns.value(record, Field.AMOUNT);
        String purchasedAt = columns.value(record, Field.PURCHASED_AT);
        if (orderRef == null && (product != null || amount != null || purchasedAt != null)) {
            throw new BadInput("orderRef", "A purchase needs its order number.");
        }
        return new CrmRow(line, crmId, limited(columns.value(record, Field.NAME), 100, "name"), phone, email, owner,
                orderRef, product, amount == null ? null : cents(amount), purchasedAt == null ? null : instant(purchasedAt));
    }

    private CrmColumns columns(Path file, Charset charset, Map<String, String> mapping) throws IOException {
        try (var csv = reader(file, charset)) {
            var header = csv.next();
            if (header == null) {
                throw new BadInput("file", "The file is empty.");
            }
            return CrmColumns.of(header, mapping);
        } catch (CharacterCodingException e) {
            throw new BadInput("charset", "The file is not " + charset.name() + " text; GBK exports need charset=GBK.");
        }
    }

    /** Malformed bytes are an error, not a silent '?': a GBK file read as UTF-8 must say so. */
    private static CsvReader reader(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvReader(new InputStreamReader(Files.newInputStream(file), decoder));
    }

    private static Charset charset(String name) {
        String wanted = name == null || name.isBlank() ? "UTF-8" : name.strip().toUpperCase(java.util.Locale.ROOT);
        if (!CHARSETS.contains(wanted)) {
            throw new BadInput("charset", "charset must be one of " + CHARSETS + ".");
        }
        return Charset.forName(wanted);
    }

    private static long cents(String amount) {
        try {
            return new BigDecimal(amount.replace(",", "").replace("¥", "").strip()).movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadInput("amount", "amount '" + amount + "' is not a sum of money like 1999.00.");
        }
    }

    private static Instant instant(String text) {
        String normalized = text.strip().replace('/', '-');
        try {
            if (normalized.length() <= 10) {
                return LocalDate.parse(normalized).atStartOfDay(CRM_ZONE).toInstant();
            }
            var pattern = normalized.length() == 16 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss";
            return LocalDateTime.parse(normalized, DateTimeFormatter.ofPattern(pattern)).atZone(CRM_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInput("purchasedAt", "purchasedAt '" + text + "' is not a date like 2024-05-01 or 2024-05-01 14:30.");
        }
    }

    private static String limited(String value, int longest, String field) {
        if (value != null && value.length() > longest) {
            throw new BadInput(field, field + " is longer than " + longest + " characters.");
        }
        return value;
    }

    private static String fitted(String message) {
        String text = Objects.toString(message, "unknown error");
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete spooled import {}: {}", file, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
