package io.nurtureflow.customer;

import io.nurtureflow.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Admins import the reps' existing WeCom customers ({@code {"reps": ["li.lei"]}}, or no body for every rep); the
 * import runs in the background and is polled here, like the CRM import.
 */
@RestController
@RequestMapping("/api/wecom/imports")
class WeComImportController {

    private static final int ERROR_PAGE = 1000;

    private final WeComImports imports;

    WeComImportController(WeComImports imports) {
        this.imports = imports;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    WeComImport start(@RequestBody(required = false) Request request) {
        return imports.start(request == null ? null : request.reps(), CurrentUser.get().username());
    }

    @GetMapping("/{id}")
    WeComImport progress(@PathVariable long id) {
        return imports.find(id);
    }

    @GetMapping("/{id}/errors")
    List<WeComImport.ContactError> errors(@PathVariable long id) {
        return imports.errors(id, ERROR_PAGE);
    }

    record Request(List<String> reps) {
    }
}
