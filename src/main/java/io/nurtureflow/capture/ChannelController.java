package io.nurtureflow.capture;

import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.TimeConfig;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

@RestController
@RequestMapping("/api/channels")
class ChannelController {

    /** bump when the drawing changes, so cached codes are not served for a new rendering */
    private static final String RENDERER = "qr-2";

    private final Channels channels;
    private final ContactWaySync contactWays;
    private final ChannelStats stats;
    private final TimeConfig config;

    ChannelController(Channels channels, ContactWaySync contactWays, ChannelStats stats, TimeConfig config) {
        this.channels = channels;
        this.contactWays = contactWays;
        this.stats = stats;
        this.config = config;
    }

    @PostMapping
    ResponseEntity<ChannelView> create(@Valid @RequestBody NewChannel request) {
        var channel = channels.create(request, CurrentUser.get().username());
        contactWays.sync(channel);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(channels.get(channel.id())));
    }

    @PutMapping("/{id}")
    ChannelView update(@PathVariable long id, @Valid @RequestBody NewChannel request) {
        var channel = channels.update(id, request);
        contactWays.sync(channel);
        return view(channels.get(id));
    }

    @PostMapping("/{id}/disable")
    ChannelView disable(@PathVariable long id) {
        return view(channels.setEnabled(id, false));
    }

    @PostMapping("/{id}/enable")
    ChannelView enable(@PathVariable long id) {
        var channel = channels.setEnabled(id, true);
        contactWays.sync(channel);
        return view(channels.get(id));
    }

    @GetMapping("/{id}")
    ChannelView get(@PathVariable long id) {
        return view(channels.get(id));
    }

    @GetMapping("/{id}/stats")
    ChannelStats.Report stats(@PathVariable long id) {
        return stats.of(channels.get(id));
    }

    @PutMapping(value = "/{id}/logo", consumes = {"image/png", "image/jpeg"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logo(@PathVariable long id, @RequestBody byte[] logo) {
        channels.setLogo(id, logo);
    }

    @GetMapping(value = "/{id}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> png(@PathVariable long id, @RequestParam(defaultValue = "512") int size,
                               @RequestParam(defaultValue = "M") String ec, @RequestParam(defaultValue = "2") int margin,
                               @RequestParam(defaultValue = "false") boolean logo,
                               @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return code(id, new CodeRequest(size, ec, margin, logo, ifNoneMatch), "png", QrCodes::png);
    }

    /**
     * The channel's WeCom 「联系我」 code as WeCom drew it, to print: adds through it arrive by WeCom's callback,
     * while the live code above opens the landing page first.
     */
    @GetMapping("/{id}/wecom-code")
    ResponseEntity<byte[]> weComCode(@PathVariable long id) {
        var channel = channels.get(id);
        var picture = contactWays.picture(channel).orElseThrow(() -> new NotFound("Channel " + id
                + " has no WeCom contact way code: WeCom is not configured, or the channel has not been synced yet."));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(picture.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("wecom-code-" + channel.code() + extension(picture.contentType())).build().toString())
                .body(picture.bytes());
    }

    private static String extension(String contentType) {
        return contentType.startsWith("image/png") ? ".png" : ".jpg";
    }

    @GetMapping(value = "/{id}/qr.svg", produces = "image/svg+xml")
    ResponseEntity<String> svg(@PathVariable long id, @RequestParam(defaultValue = "512") int size,
                               @RequestParam(defaultValue = "M") String ec, @RequestParam(defaultValue = "2") int margin,
                               @RequestParam(defaultValue = "false") boolean logo,
                               @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return code(id, new CodeRequest(size, ec, margin, logo, ifNoneMatch), "svg", QrCodes::svg);
    }

    /** Renders only when the client's copy (If-None-Match) is not the current one. */
    private <T> ResponseEntity<T> code(long id, CodeRequest request, String format,
                                       BiFunction<String, QrCodes.Style, T> renderer) {
        var channel = channels.get(id);
        var style = style(channel, request.size(), request.ec(), request.margin(), request.logo());
        String etag = etag(channel, style, format);
        var caching = CacheControl.maxAge(1, TimeUnit.DAYS).cachePrivate();
        if (etag.equals(request.ifNoneMatch())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(caching).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(caching).body(renderer.apply(scanUrl(channel), style));
    }

    private record CodeRequest(int size, String ec, int margin, boolean logo, String ifNoneMatch) {
    }

    /** Personalised codes or posters (seed 000), one per invitee, as a ZIP. */
    @PostMapping(value = "/{id}/posters", produces = "application/zip")
    ResponseEntity<byte[]> posters(@PathVariable long id, @Valid @RequestBody Posters.Batch batch,
                                   @RequestParam(defaultValue = "false") boolean logo) {
        var channel = channels.get(id);
        byte[] zip = Posters.zip(channel, scanUrl(channel), batch, logo ? channels.logo(channel).orElse(null) : null);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"channel-" + id + "-posters.zip\"")
                .body(zip);
    }

    private QrCodes.Style style(Channel channel, int size, String ec, int margin, boolean logo) {
        byte[] image = null;
        if (logo) {
            image = channels.logo(channel).orElseThrow(() ->
                    new io.nurtureflow.system.BadInput("logo", "This channel has no logo: PUT one to /api/channels/"
                            + channel.id() + "/logo first."));
        }
        return QrCodes.Style.of(size, ec, margin, image);
    }

    /** From what the drawing depends on, so a revalidation costs no rendering. */
    private String etag(Channel channel, QrCodes.Style style, String format) {
        String inputs = String.join("|", RENDERER, format, scanUrl(channel), String.valueOf(style.size()),
                style.level().name(), String.valueOf(style.margin()),
                style.logo() == null ? "-" : String.valueOf(channel.logoVersion()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(inputs.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChannelView view(Channel channel) {
        return new ChannelView(channel.id(), channel.code(), channel.name(), scanUrl(channel), channel.routing(),
                channel.enabled(), channel.expiresAt(), channels.staff(channel.id()), channels.tags(channel.id()),
                channel.welcomeText(), channel.wecomConfigId(), channel.lifecycleFlow());
    }

    private String scanUrl(Channel channel) {
        return config.baseUrl() + "/q/" + channel.code();
    }

    record ChannelView(long id, String code, String name, String scanUrl, NewChannel.Routing routing, boolean enabled,
                       Instant expiresAt, List<String> staff, List<String> tags, String welcomeText,
                       String wecomConfigId, String lifecycleFlow) {
    }
}
