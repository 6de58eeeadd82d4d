package io.nurtureflow.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.support.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped diagram reads at a glance in Modeler: drawn by bpmn-js in headless Chromium, no label overlaps a
 * shape, a flow or another label or sticks out of its sub-process, every task's text fits it, no two flows cross
 * and no flow runs through a shape it does not connect. The drawings are kept in target/screenshots/ to look at.
 */
class DiagramLayoutTest {

    private static final String BPMN_JS = "META-INF/resources/webjars/bpmn-js/8.0.0/dist/";
    private static final Path PAGES = Path.of("target", "diagrams").toAbsolutePath();
    private static Browser browser;

    @BeforeAll
    static void drawingBoard() throws IOException {
        Files.createDirectories(PAGES);
        copy(BPMN_JS + "bpmn-viewer.production.min.js", "bpmn-viewer.js");
        copy(BPMN_JS + "assets/diagram-js.css", "diagram-js.css");
        copy(BPMN_JS + "assets/bpmn-font/css/bpmn-embedded.css", "bpmn-embedded.css");
        copy("diagrams/measure.js", "measure.js");
        browser = Browser.launch("NurtureFlow diagram check", 2400, 1400);
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    static Stream<Path> diagrams() throws IOException {
        try (var files = Files.walk(Path.of("processes"))) {
            return files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("diagrams")
    void readsAtAGlance(Path diagram) throws IOException {
        String name = diagram.getFileName().toString().replace(".bpmn", "");
        Files.writeString(PAGES.resolve(name + ".html"), """
                <!doctype html><html><head><meta charset="utf-8">
                <link rel="stylesheet" href="diagram-js.css"><link rel="stylesheet" href="bpmn-embedded.css">
                <style>html, body, #canvas { margin: 0; width: 100%%; height: 100%%; background: #fff }</style>
                <script src="bpmn-viewer.js"></script><script src="measure.js"></script></head>
                <body><div id="canvas"></div><script>
                const viewer = new BpmnJS({ container: '#canvas' });
                window.drawn = viewer.importXML(%s).then(() => { viewer.get('canvas').zoom('fit-viewport'); window.viewer = viewer; return 'drawn'; });
                </script></body></html>
                """.formatted(new ObjectMapper().writeValueAsString(Files.readString(diagram))));
        browser.open(PAGES.resolve(name + ".html").toUri().toString());
        assertThat(browser.text("window.drawn")).isEqualTo("drawn");
        var problems = browser.eval("window.measure(window.viewer)");

        Path shot = browser.saveScreenshot("diagram-" + name);
        assertThat(problems.isArray()).as("measured").isTrue();
        assertThat(problems).as(diagram + ", drawn in " + shot).isEmpty();
    }

    private static void copy(String resource, String file) {
        try (InputStream in = DiagramLayoutTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.write(PAGES.resolve(file), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
