package io.nurtureflow.workspace;

import io.nurtureflow.system.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The 话术 library: everyone who talks to customers reads it, admins write it (see SecurityConfig). */
@RestController
@RequestMapping("/api/scripts")
class ScriptController {

    private final Scripts scripts;

    ScriptController(Scripts scripts) {
        this.scripts = scripts;
    }

    /** With a customerId each script comes filled in for that customer, ready to copy or to put into the chat. */
    @GetMapping
    List<Scripts.Shown> list(@RequestParam(required = false) String category,
                             @RequestParam(required = false) String customerId) {
        return scripts.active(category, customerId, CurrentUser.get());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Script create(@RequestBody Scripts.NewScript script) {
        return scripts.save(null, script, CurrentUser.get().username());
    }

    @PutMapping("/{id}")
    Script update(@PathVariable long id, @RequestBody Scripts.NewScript script) {
        return scripts.save(id, script, CurrentUser.get().username());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void retire(@PathVariable long id) {
        scripts.retire(id, CurrentUser.get().username());
    }
}
