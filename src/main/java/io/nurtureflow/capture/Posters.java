package io.nurtureflow.capture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Seed 000's poster per invitee: the channel's code carrying the invitee's ref (so their scans are counted for
 * them), with their name and group printed above it. The ZIP holds one PNG per invitee and a UTF-8 manifest.
 */
final class Posters {

    static final int WIDTH = 750;
    static final int HEIGHT = 1100;
    private static final int CODE_SIZE = 520;
    /** any installed font that has CJK glyphs; logical fonts draw boxes on a bare server */
    private static final String CJK_FONT = Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts())
            .filter(font -> font.canDisplayUpTo("二维码扫码") == -1).map(Font::getFamily).findFirst().orElse(Font.SANS_SERIF);

    private Posters() {
    }

    record Batch(@NotEmpty @Size(max = 500) List<@Valid Invitee> invitees,
                 Boolean poster,
                 @Min(QrCodes.MIN_SIZE) @Max(QrCodes.MAX_SIZE) Integer size) {

        boolean posters() {
            return poster == null || poster;
        }

        int sizeOrDefault() {
            return size == null ? CODE_SIZE : size;
        }
    }

    record Invitee(@NotBlank @Size(max = 50) String name,
                   @Size(max = 50) String group,
                   @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,30}", message = "must be 1-30 letters, digits, '-' or '_'") String ref) {
    }

    static byte[] zip(Channel channel, String scanUrl, Batch batch, byte[] logo) {
        var out = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            var manifest = new StringBuilder("\uFEFFref,name,group,url\n");
            for (int i = 0; i < batch.invitees().size(); i++) {
                var invitee = batch.invitees().get(i);
                String url = scanUrl + "?ref=" + invitee.ref();
                var code = QrCodes.render(url, QrCodes.Style.of(batch.posters() ? CODE_SIZE : batch.sizeOrDefault(),
                        "M", 2, logo));
                var image = batch.posters() ? poster(channel.name(), invitee, code) : code;
                zip.putNextEntry(new ZipEntry(String.format("%03d-%s.png", i + 1, invitee.ref())));
                zip.write(QrCodes.encode(image, "PNG"));
                zip.closeEntry();
                manifest.append(csv(invitee.ref())).append(',').append(csv(invitee.name())).append(',')
                        .append(csv(invitee.group())).append(',').append(csv(url)).append('\n');
            }
            zip.putNextEntry(new ZipEntry("manifest.csv"));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage poster(String title, Invitee invitee, BufferedImage code) {
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(0xF5F6F8));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(0x07C160));
        g.fillRect(0, 0, WIDTH, 220);
        g.setColor(Color.WHITE);
        centred(g, title, new Font(CJK_FONT, Font.BOLD, 44), 130);
        g.setColor(new Color(0x1F2329));
        centred(g, invitee.name() + " 邀请您", new Font(CJK_FONT, Font.PLAIN, 40), 310);
        if (invitee.group() != null && !invitee.group().isBlank()) {
            centred(g, invitee.group(), new Font(CJK_FONT, Font.PLAIN, 30), 365);
        }
        g.drawImage(code, (WIDTH - code.getWidth()) / 2, 420, null);
        g.setColor(new Color(0x646A73));
        centred(g, "微信扫码，领取资料", new Font(CJK_FONT, Font.PLAIN, 28), 420 + code.getHeight() + 60);
        g.dispose();
        return image;
    }

    private static void centred(Graphics2D g, String text, Font font, int baseline) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(text, Math.max(16, (WIDTH - metrics.stringWidth(text)) / 2), baseline);
    }

    /** A leading = + - @ would make a spreadsheet run the cell as a formula. */
    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
