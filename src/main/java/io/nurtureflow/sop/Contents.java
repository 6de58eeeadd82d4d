package io.nurtureflow.sop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.capture.Channels;
import io.nurtureflow.customer.Customer;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.UserDirectory;
import io.nurtureflow.wecom.Attachment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;

/** The content library: text with variables and WeCom attachments (link, image, mini-program card, file). */
@Service
public class Contents {

    /** a rep picks from the newest contents; older ones are for the plans that use them */
    private static final int LIBRARY_SHOWN = 50;

    private static final TypeReference<List<Attachment>> ATTACHMENTS = new TypeReference<>() {
    };
    /** What a preview fills in when no customer is given. */
    private static final Map<String, String> SAMPLE = Map.of("name", "王芳", "rep", "李老师", "channel", "门店海报");

    private final SopMapper sop;
    private final ObjectMapper json;
    private final Channels channels;
    private final UserDirectory users;
    private final Clock clock;

    Contents(SopMapper sop, ObjectMapper json, Channels channels, UserDirectory users, Clock clock) {
        this.sop = sop;
        this.json = json;
        this.channels = channels;
        this.users = users;
        this.clock = clock;
    }

    @Transactional
    public ContentItem save(NewContent content, String createdBy) {
        if (content.name() == null || content.name().isBlank() || content.name().length() > 100) {
            throw new BadInput("name", "name is required, at most 100 characters");
        }
        var attachments = content.attachments() == null ? List.<Attachment>of() : content.attachments();
        ContentRules.check("", content.text(), attachments);
        var row = new SopMapper.ContentRow();
        row.name = content.name();
        row.text = content.text();
        row.attachments = write(attachments);
        row.createdBy = createdBy;
        row.createdAt = clock.instant();
        sop.insertContent(row);
        return item(row);
    }

    public ContentItem get(long id) {
        return sop.content(id).map(this::item).orElseThrow(() -> new NotFound("No content " + id + "."));
    }

    /** The library's newest contents, as this customer would read them: what a rep may also send by hand. */
    public List<Rendered> libraryFor(Customer customer) {
        return sop.library(LIBRARY_SHOWN).stream().map(this::item).map(content -> {
            var preview = preview(content.text(), content.attachments(), customer);
            return new Rendered(content.id(), content.name(), preview.text(), preview.attachments());
        }).toList();
    }

    /** The content as this customer (or a sample customer) would read it. */
    public Preview preview(String text, List<Attachment> attachments, Customer customer) {
        var safe = attachments == null ? List.<Attachment>of() : attachments;
        ContentRules.check("", text, safe);
        var values = customer == null ? SAMPLE : variables(customer);
        return new Preview(ContentRules.render(text, values), ContentRules.render(safe, values));
    }

    /**
     * The variables of many customers, reading each channel's and each rep's name once: a send window renders
     * thousands of customers' content at a time.
     */
    Function<Customer, Map<String, String>> variablesOfMany() {
        var channelNames = new HashMap<Long, String>();
        var repNames = new HashMap<String, String>();
        return customer -> Map.of("name", customer.name() == null ? "" : customer.name(),
                "rep", customer.ownerRep() == null ? "" : repNames.computeIfAbsent(customer.ownerRep(), users::displayName),
                "channel", customer.channelId() == null ? ""
                        : channelNames.computeIfAbsent(customer.channelId(), id -> channels.get(id).name()));
    }

    Map<String, String> variables(Customer customer) {
        return Map.of("name", customer.name() == null ? "" : customer.name(),
                "rep", customer.ownerRep() == null ? "" : users.displayName(customer.ownerRep()),
                "channel", customer.channelId() == null ? "" : channels.get(customer.channelId()).name());
    }

    List<Attachment> read(String attachments) {
        try {
            return json.readValue(attachments, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attachments are not JSON: " + attachments, e);
        }
    }

    String write(List<Attachment> attachments) {
        try {
            return json.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ContentItem item(SopMapper.ContentRow row) {
        return new ContentItem(row.id, row.name, row.text, read(row.attachments), row.createdBy, row.createdAt);
    }

    public record NewContent(String name, String text, List<Attachment> attachments) {
    }

    public record ContentItem(long id, String name, String text, List<Attachment> attachments, String createdBy,
                              Instant createdAt) {
    }

    public record Preview(String text, List<Attachment> attachments) {
    }

    /** A content of the library as one customer reads it. */
    public record Rendered(long id, String name, String text, List<Attachment> attachments) {
    }
}
