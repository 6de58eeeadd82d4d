package io.nurtureflow.system;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/** Every API error is application/problem+json; bad input names the field so the caller can fix it. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(BadInput.class)
    ProblemDetail badInput(BadInput e) {
        return fieldProblem(e.field(), e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        problem.setProperty("field", e.field());
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(UpstreamFailure.class)
    ProblemDetail upstreamFailure(UpstreamFailure e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Upstream failure");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        var first = errors.get(0);
        var problem = fieldProblem(first.get("field"), first.get("field") + ": " + first.get("message"));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = fieldOf(e);
        return ResponseEntity.badRequest().body(fieldProblem(field, "The request body is not valid JSON of the expected shape"
                + (field.equals("body") ? "." : " at '" + field + "'.")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // a path variable or request parameter carries its name here; a mismatch without one has no field to name
        String field = e.getPropertyName();
        if (field == null) {
            return super.handleTypeMismatch(e, headers, status, request);
        }
        String expected = e.getRequiredType() == null ? "" : " (expected " + e.getRequiredType().getSimpleName() + ")";
        return ResponseEntity.badRequest().body(fieldProblem(field,
                "'" + e.getValue() + "' is not a valid value for '" + field + "'" + expected + "."));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(fieldProblem(e.getParameterName(),
                "The request parameter '" + e.getParameterName() + "' is required."));
    }

    static ProblemDetail fieldProblem(String field, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad input");
        problem.setProperty("field", field);
        return problem;
    }

    private static String fieldOf(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            List<String> names = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .toList();
            return String.join(".", names).replace(".[", "[");
        }
        return "body";
    }
}
