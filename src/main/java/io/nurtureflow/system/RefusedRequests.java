package io.nurtureflow.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request refused before any controller runs is bad input like any other. Spring Security's firewall refuses URLs
 * that could mean one thing to it and another to a controller ("..", "//", ";", an encoded "%25" or CR/LF); Tomcat's
 * connector refuses, before any filter exists, what it will not decode or map (an encoded NUL, "/" or "\", a broken
 * escape, a character a request line may not carry) and would answer with its own HTML report. Both get what
 * {@link ErrorAnswers} gives: problem+json naming the path for a client, the short Chinese page for a browser.
 */
@Component
class RefusedRequests implements RequestRejectedHandler, WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        Ordered {

    /** The page template is only needed once a browser is refused, long after the container started. */
    private final ObjectProvider<ITemplateEngine> templates;

    RefusedRequests(ObjectProvider<ITemplateEngine> templates) {
        this.templates = templates;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        var answer = answer(request, HttpStatus.BAD_REQUEST, fieldOf(e.getMessage()));
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        response.setContentType(answer.contentType());
        response.getWriter().write(answer.body());
    }

    /**
     * Runs after Spring Boot's own customizer, which puts a plain {@link ErrorReportValve} on the host: ours replaces
     * it, or whichever is nearer the application would write first.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new ContainerReport());
            // the host adds a valve of this class at start unless it already has one
            ((StandardHost) host).setErrorReportValveClass(ContainerReport.class.getName());
        });
    }

    /**
     * What reaches the host unanswered. Without a context the request never reached the application: Tomcat refused
     * it while reading it, so it is the caller's to fix, even where Tomcat's own code would be a 5xx (501 for a
     * Transfer-Encoding it does not implement, 505 for an HTTP version).
     */
    final class ContainerReport extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            var ioAllowed = new AtomicBoolean();
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(response.getStatus());
            if (status == null || status.is5xxServerError() && request.getContext() == null) {
                status = HttpStatus.BAD_REQUEST;
            }
            var answer = answer(request, status, switch (response.getStatus()) {
                case 501 -> "headers";
                case 505 -> "protocol";
                default -> fieldOf(throwable == null ? response.getMessage() : throwable.getMessage());
            });
            try {
                response.setStatus(status.value());
                response.setContentType(answer.contentType());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(answer.body());
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone; there is no one left to tell
            }
        }
    }

    private record Answer(String contentType, String body) {
    }

    private Answer answer(HttpServletRequest request, HttpStatus status, String field) {
        if (fromBrowser(request)) {
            return new Answer(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8", templates.getObject().process("error",
                    new Context(Locale.SIMPLIFIED_CHINESE, Map.of("status", status.value(),
                            "message", ErrorAnswers.chinese(status)))));
        }
        String problem = status != HttpStatus.BAD_REQUEST
                ? Problems.json(status.value(), status.getReasonPhrase(), null, null)
                : Problems.json(400, "Bad input", switch (field) {
                    case "headers" -> "A request header is malformed, too large or not one this service takes.";
                    case "protocol" -> "This service speaks HTTP/1.1 and HTTP/1.0.";
                    default -> "The request URL has characters this service does not take.";
                }, field);
        return new Answer(MediaType.APPLICATION_PROBLEM_JSON_VALUE + ";charset=UTF-8", problem);
    }

    /** Tomcat and the firewall say in their reason when a header, not the request line, was refused. */
    private static String fieldOf(String reason) {
        return reason != null && reason.toLowerCase(Locale.ROOT).contains("header") ? "headers" : "path";
    }

    /**
     * The rule {@link ErrorAnswers}' two mappings make: a page only for a caller that names text/html itself (a
     * browser does); a script sending no Accept, {@code *}{@code /*} or JSON gets problem+json.
     */
    private static boolean fromBrowser(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.getQualityValue() > 0
                    && MediaType.TEXT_HTML.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
