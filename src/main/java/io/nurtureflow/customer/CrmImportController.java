package io.nurtureflow.customer;

import io.nurtureflow.system.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Admins upload a CRM export as the raw request body ({@code curl --data-binary @crm.csv
 * '/api/imports?charset=GBK&map.phone=联系电话'}); the import runs in the background and is polled here.
 */
@RestController
@RequestMapping("/api/imports")
class CrmImportController {

    private static final String MAP_PREFIX = "map.";
    private static final int ERROR_PAGE = 1000;

    private final CrmImports imports;

    CrmImportController(CrmImports imports) {
        this.imports = imports;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    CrmImport start(@RequestParam Map<String, String> parameters, HttpServletRequest request) throws IOException {
        var mapping = new HashMap<String, String>();
        parameters.forEach((name, header) -> {
            if (name.startsWith(MAP_PREFIX)) {
                mapping.put(name.substring(MAP_PREFIX.length()), header);
            }
        });
        return imports.start(request.getInputStream(), parameters.get("fileName"), parameters.get("charset"), mapping,
                CurrentUser.get().username());
    }

    @GetMapping("/{id}")
    CrmImport progress(@PathVariable long id) {
        return imports.find(id);
    }

    @GetMapping("/{id}/errors")
    List<CrmImport.RowError> errors(@PathVariable long id) {
        return imports.errors(id, ERROR_PAGE);
    }
}
