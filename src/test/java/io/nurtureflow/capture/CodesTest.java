package io.nurtureflow.capture;

import com.google.zxing.ResultMetadataType;
import io.nurtureflow.support.Api;
import io.nurtureflow.support.ServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import static io.nurtureflow.support.Api.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Live codes as an admin downloads them, each read back by ZXing and by zbarimg. */
@ServiceTest
class CodesTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate db;
    Api api;
    String channelId;
    String scanUrl;

    @BeforeEach
    void channel() {
        api = new Api(port);
        var channel = ChannelFixtures.withStaff(api, List.of(api.newUser("rep", "REP")));
        channelId = channel.get("id").asText();
        scanUrl = channel.get("scanUrl").asText();
    }

    @Test
    void pngAtEverySizeLevelAndMarginDecodes() throws Exception {
        for (int size : new int[]{128, 300, 1024, 2048}) {
            for (String level : new String[]{"L", "M", "Q", "H"}) {
                for (int margin : new int[]{0, 1, 4}) {
                    var png = api.get(qr("png", "size=" + size + "&ec=" + level + "&margin=" + margin), ADMIN);
                    assertThat(png.status()).isEqualTo(200);
                    assertThat(png.contentType()).isEqualTo("image/png");
                    var image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
                    assertThat(image.getWidth()).isEqualTo(size);
                    assertThat(image.getHeight()).isEqualTo(size);
                    // without a margin the code is meant for a white poster: decode it as printed on one
                    byte[] printed = margin == 0 ? onPaper(image) : png.bytes();
                    try {
                        Decoders.assertDecodes(printed, scanUrl);
                    } catch (AssertionError e) {
                        throw new AssertionError("size " + size + ", level " + level + ", margin " + margin, e);
                    }
                    assertThat(Decoders.zxing(printed).getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL))
                            .isEqualTo(level);
                }
            }
        }
    }

    @Test
    void theMarginIsTheQuietZoneAroundTheModules() throws Exception {
        int tight = firstDarkColumn(api.get(qr("png", "size=512&margin=0"), ADMIN).bytes());
        int wide = firstDarkColumn(api.get(qr("png", "size=512&margin=8"), ADMIN).bytes());
        assertThat(wide).isGreaterThan(tight + 40);
    }

    @Test
    void svgRenderedByABrowserDecodes() {
        var svg = api.get(qr("svg", "size=400&ec=Q&margin=4"), ADMIN);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).startsWith("<svg").contains("width=\"400\"");
        if (!Decoders.available(Decoders.CHROMIUM, "chromium")) {
            return;
        }
        try {
            var file = Files.createTempFile("code", ".svg");
            Files.writeString(file, svg.body());
            Decoders.assertDecodes(Decoders.screenshot(file.toUri().toString(), 400, 400), scanUrl);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCentreLogoForcesLevelHAndStillDecodes() throws Exception {
        assertThat(api.get(qr("png", "logo=true"), ADMIN).json().get("field").asText()).isEqualTo("logo");
        var notAnImage = api.putBytes("/api/channels/" + channelId + "/logo", ADMIN, "image/png", "not a png".getBytes());
        assertThat(notAnImage.status()).isEqualTo(400);
        assertThat(notAnImage.json().get("field").asText()).isEqualTo("logo");
        assertThat(api.putBytes("/api/channels/" + channelId + "/logo", ADMIN, "image/png", logo()).status()).isEqualTo(204);

        for (int size : new int[]{128, 512, 2048}) {
            var png = api.get(qr("png", "size=" + size + "&ec=L&logo=true"), ADMIN);
            Decoders.assertDecodes(png.bytes(), scanUrl);
            assertThat(Decoders.zxing(png.bytes()).getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL))
                    .isEqualTo("H");
            var image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
            assertThat(new Color(image.getRGB(size / 2, size / 2))).as("the logo sits in the centre").isEqualTo(new Color(0xE0, 0x40, 0x20));
        }
        var svg = api.get(qr("svg", "logo=true"), ADMIN).body();
        assertThat(svg).contains("<image").contains("data:image/png;base64,");
    }

    @Test
    void badOptionsNameTheirField() {
        assertThat(api.get(qr("png", "size=127"), ADMIN).json().get("field").asText()).isEqualTo("size");
        assertThat(api.get(qr("svg", "size=2049"), ADMIN).json().get("field").asText()).isEqualTo("size");
        assertThat(api.get(qr("png", "ec=X"), ADMIN).json().get("field").asText()).isEqualTo("ec");
        assertThat(api.get(qr("png", "margin=17"), ADMIN).json().get("field").asText()).isEqualTo("margin");
        assertThat(api.get(qr("png", "size=abc"), ADMIN).status()).isEqualTo(400);
    }

    @Test
    void codesAreCachedByETag() throws Exception {
        var http = HttpClient.newHttpClient();
        var first = http.send(admin(qr("png", "size=256")).build(), HttpResponse.BodyHandlers.ofByteArray());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=86400");

        var again = http.send(admin(qr("png", "size=256")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        var otherSize = http.send(admin(qr("png", "size=257")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(otherSize.statusCode()).isEqualTo(200);
        assertThat(otherSize.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);

        var svg = http.send(admin(qr("svg", "size=256")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(svg.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);

        api.putBytes("/api/channels/" + channelId + "/logo", ADMIN, "image/png", logo());
        String withLogo = http.send(admin(qr("png", "size=256&logo=true")).build(), HttpResponse.BodyHandlers.ofByteArray())
                .headers().firstValue("ETag").orElseThrow();
        api.putBytes("/api/channels/" + channelId + "/logo", ADMIN, "image/png", logo());
        var afterNewLogo = http.send(admin(qr("png", "size=256&logo=true")).header("If-None-Match", withLogo).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(afterNewLogo.statusCode()).as("a new logo is a new code").isEqualTo(200);
    }

    @Test
    void postersPerInviteeComeAsAZipAndTheirScansAreCountedForThem() throws Exception {
        var invitees = List.of(
                Map.of("name", "王小明", "group", "三年级2班", "ref", "wxm01"),
                Map.of("name", "李华", "group", "四年级1班", "ref", "lh02"),
                Map.of("name", "=cmd|' /C calc'!A0", "ref", "evil03"));
        var zip = api.post("/api/channels/" + channelId + "/posters", ADMIN, Map.of("invitees", invitees));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.contentType()).isEqualTo("application/zip");

        var entries = unzip(zip.bytes());
        assertThat(entries).containsOnlyKeys("001-wxm01.png", "002-lh02.png", "003-evil03.png", "manifest.csv");
        for (var invitee : invitees) {
            String name = entries.keySet().stream().filter(n -> n.endsWith(invitee.get("ref") + ".png")).findFirst().orElseThrow();
            var poster = ImageIO.read(new ByteArrayInputStream(entries.get(name)));
            assertThat(poster.getWidth()).isEqualTo(Posters.WIDTH);
            assertThat(poster.getHeight()).isEqualTo(Posters.HEIGHT);
            Decoders.assertDecodes(entries.get(name), scanUrl + "?ref=" + invitee.get("ref"));
        }
        String manifest = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest).contains("\"王小明\"", "\"三年级2班\"", scanUrl + "?ref=lh02")
                .as("a spreadsheet must not run it").contains("\"'=cmd");

        var codes = unzip(api.post("/api/channels/" + channelId + "/posters", ADMIN,
                Map.of("invitees", invitees.subList(0, 1), "poster", false, "size", 300)).bytes());
        assertThat(ImageIO.read(new ByteArrayInputStream(codes.get("001-wxm01.png"))).getWidth()).isEqualTo(300);
        Decoders.assertDecodes(codes.get("001-wxm01.png"), scanUrl + "?ref=wxm01");

        String code = scanUrl.substring(scanUrl.lastIndexOf('/') + 1);
        api.get("/q/" + code + "?ref=wxm01", null);
        assertThat(db.queryForObject("select count(*) from scan where channel_id = ? and ref = 'wxm01'", Integer.class,
                Long.valueOf(channelId))).isEqualTo(1);

        var bad = api.post("/api/channels/" + channelId + "/posters", ADMIN,
                Map.of("invitees", List.of(Map.of("name", "x", "ref", "has space"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("invitees[0].ref");
    }

    private HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((ADMIN + ":" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private String qr(String format, String query) {
        return "/api/channels/" + channelId + "/qr." + format + "?" + query;
    }

    private static byte[] onPaper(BufferedImage code) {
        int border = 48;
        var paper = new BufferedImage(code.getWidth() + 2 * border, code.getHeight() + 2 * border, BufferedImage.TYPE_INT_RGB);
        var g = paper.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, paper.getWidth(), paper.getHeight());
        g.drawImage(code, border, border, null);
        g.dispose();
        return QrCodes.encode(paper, "PNG");
    }

    private static int firstDarkColumn(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        int y = image.getHeight() / 2;
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) & 0xff) < 128) {
                return x;
            }
        }
        throw new AssertionError("no dark module");
    }

    static byte[] logo() {
        var image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0xE0, 0x40, 0x20));
        g.fillRect(0, 0, 64, 64);
        g.dispose();
        return QrCodes.encode(image, "PNG");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        var entries = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
