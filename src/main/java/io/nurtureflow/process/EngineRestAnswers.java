package io.nurtureflow.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nurtureflow.system.Conflict;
import io.nurtureflow.system.FieldProblem;
import io.nurtureflow.system.Forbidden;
import io.nurtureflow.system.NotFound;
import io.nurtureflow.system.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.IdentityService;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Camunda's REST API (/engine-rest) answers 500 for what it has no mapping for, including mistakes that are the
 * caller's: our own refusals raised by a delegate its call ran or by a deployment check (a lifecycle flow that breaks
 * its contract), a deployment that is not a multipart upload, a password the engine's policy refuses. Those get the status and problem+json the rest of the API gives.
 */
@Component
class EngineRestAnswers implements ResourceConfigCustomizer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

    /** looked up per request: Jersey is configured before Flyway has made the schema the engine must not precede */
    private final ObjectProvider<IdentityService> identity;

    EngineRestAnswers(ObjectProvider<IdentityService> identity) {
        this.identity = identity;
    }

    @Override
    public void customize(ResourceConfig config) {
        config.register(new FieldProblems());
        config.register(new Missing());
        config.register(new NotAllowed());
        config.register(new RequestChecks(identity));
    }

    static Response problem(int status, String title, String detail, String field) {
        return Response.status(status).type(PROBLEM).entity(Problems.json(status, title, detail, field)).build();
    }

    static final class FieldProblems implements ExceptionMapper<FieldProblem> {
        @Override
        public Response toResponse(FieldProblem e) {
            return e instanceof Conflict ? problem(409, "Conflict", e.getMessage(), e.field())
                    : problem(400, "Bad input", e.getMessage(), e.field());
        }
    }

    static final class Missing implements ExceptionMapper<NotFound> {
        @Override
        public Response toResponse(NotFound e) {
            return problem(404, "Not found", e.getMessage(), null);
        }
    }

    static final class NotAllowed implements ExceptionMapper<Forbidden> {
        @Override
        public Response toResponse(Forbidden e) {
            return problem(403, "Forbidden", e.getMessage(), null);
        }
    }

    /** What Camunda's resources would fail on with a 500, refused before they run. */
    static final class RequestChecks implements ContainerRequestFilter {

        private final ObjectProvider<IdentityService> identity;

        RequestChecks(ObjectProvider<IdentityService> identity) {
            this.identity = identity;
        }

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            String path = request.getUriInfo().getPath();
            String method = request.getMethod();
            if ("POST".equals(method) && path.endsWith("deployment/create")
                    && !MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(request.getMediaType())) {
                request.abortWith(problem(400, "Bad input", "A deployment is a multipart/form-data upload of the BPMN,"
                        + " DMN or form files (as Camunda Modeler sends it).", "body"));
                return;
            }
            boolean creating = "POST".equals(method) && path.endsWith("user/create");
            boolean changing = "PUT".equals(method) && path.matches(".*user/[^/]+/credentials");
            if (!creating && !changing) {
                return;
            }
            byte[] body = request.getEntityStream().readAllBytes();
            request.setEntityStream(new ByteArrayInputStream(body));
            JsonNode json;
            try {
                json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException unreadable) {
                request.abortWith(problem(400, "Bad input", "The body is not JSON.", "body"));
                return;
            }
            String password = creating ? json.path("credentials").path("password").asText(null)
                    : json.path("password").asText(null);
            String userId = creating ? json.path("profile").path("id").asText("")
                    : path.replaceAll(".*user/([^/]+)/credentials", "$1");
            var users = identity.getObject();
            if (password != null && !users.checkPasswordAgainstPolicy(password, users.newUser(userId)).isValid()) {
                request.abortWith(problem(400, "Bad input", "The password does not meet the password policy"
                        + " (GET /engine-rest/identity/password-policy).", "password"));
            }
        }
    }
}
