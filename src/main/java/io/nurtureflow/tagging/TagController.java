package io.nurtureflow.tagging;

import io.nurtureflow.customer.Customers;
import io.nurtureflow.system.BadInput;
import io.nurtureflow.system.CurrentUser;
import io.nurtureflow.system.Forbidden;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Admins define tag groups and tags; whoever may read a customer may tag it by hand. */
@RestController
class TagController {

    private final TagCatalog catalog;
    private final Tags tags;
    private final Customers customers;

    TagController(TagCatalog catalog, Tags tags, Customers customers) {
        this.catalog = catalog;
        this.tags = tags;
        this.customers = customers;
    }

    @GetMapping("/api/tags")
    Catalog catalog() {
        return new Catalog(catalog.groups(), catalog.definitions());
    }

    @PostMapping("/api/tags/groups")
    @ResponseStatus(HttpStatus.CREATED)
    TagGroup defineGroup(@RequestBody TagGroup group) {
        return catalog.defineGroup(group);
    }

    @PostMapping("/api/tags")
    @ResponseStatus(HttpStatus.CREATED)
    TagDefinition define(@RequestBody TagCatalog.NewTag tag) {
        return catalog.define(tag);
    }

    @PostMapping("/api/customers/{customerId}/tags")
    Tags.TagChange tag(@PathVariable String customerId, @RequestBody ManualTag request) {
        var user = mayTag(customerId);
        if (request.tag() == null) {
            throw new BadInput("tag", "tag is required.");
        }
        return tags.add(customerId, List.of(request.tag()), "MANUAL", "by " + user.username());
    }

    @DeleteMapping("/api/customers/{customerId}/tags/{tag}")
    Tags.TagChange untag(@PathVariable String customerId, @PathVariable String tag) {
        var user = mayTag(customerId);
        return tags.remove(customerId, tag, "by " + user.username());
    }

    private CurrentUser mayTag(String customerId) {
        var user = CurrentUser.get();
        if (!user.mayRead(customers.get(customerId).ownerRep())) {
            throw new Forbidden("Customer " + customerId + " belongs to another rep.");
        }
        return user;
    }

    record ManualTag(String tag) {
    }

    record Catalog(List<TagGroup> groups, List<TagDefinition> tags) {
    }
}
