package io.nurtureflow.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import java.net.URI;
import java.util.Map;

/**
 * What reaches the servlet container's error page (an unknown route, a wrong method, a failure outside our
 * controllers) still answers like the rest of the API: problem+json for clients, a short Chinese page for browsers.
 * The container's own detail is not echoed: it may name internals.
 */
@Controller
class ErrorAnswers implements ErrorController {

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView page(HttpServletRequest request) {
        HttpStatus status = status(request);
        return new ModelAndView("error", Map.of("status", status.value(), "message", chinese(status)), status);
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        var problem = ProblemDetail.forStatusAndDetail(status, detail(status, request));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String detail(HttpStatus status, HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String target = request.getMethod() + " " + (uri == null ? "" : uri);
        return switch (status) {
            case NOT_FOUND -> "Nothing answers " + target + ": see /swagger-ui.html for the API.";
            case METHOD_NOT_ALLOWED -> target + " is not allowed here; the Allow header lists what is.";
            case UNAUTHORIZED -> "Log in with HTTP Basic or a session.";
            case FORBIDDEN -> "Your role may not do this.";
            default -> status.is5xxServerError() ? "The service failed; the error is logged." : status.getReasonPhrase() + ".";
        };
    }

    static String chinese(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "页面不存在";
            case UNAUTHORIZED, FORBIDDEN -> "您没有权限访问此页面";
            case METHOD_NOT_ALLOWED, BAD_REQUEST -> "请求无效";
            default -> status.is5xxServerError() ? "服务暂时不可用，请稍后再试" : "请求未能完成";
        };
    }
}
