package io.nurtureflow.process;

import io.nurtureflow.system.Role;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * First start: our groups, the Camunda admin group with full rights, Tasklist for sales, a "My tasks"
 * filter, and the admin user whose password comes from NURTURE_ADMIN_PASSWORD or is generated and printed
 * once. Every step checks first, so restarts change nothing. Done before the web server takes its first request: a
 * caller who sees the service up can log in at once, and no user is created before the password policy holds.
 */
@Component
class IdentityBootstrap implements SmartInitializingSingleton {

    static final String ADMIN = "admin";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final String configuredPassword;
    private final ProcessEngine engine;
    private final EngineUserDirectory users;

    IdentityBootstrap(IdentityService identity, AuthorizationService authorizations, FilterService filters,
                      TaskService tasks, @Value("${nurture.admin-password:}") String configuredPassword,
                      ProcessEngine engine, EngineUserDirectory users) {
        this.engine = engine;
        this.users = users;
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (Role role : Role.values()) {
            group(role.group(), "WORKFLOW");
        }
        if (group(Groups.CAMUNDA_ADMIN, Groups.GROUP_TYPE_SYSTEM)) {
            for (Resource resource : Resources.values()) {
                grant(Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
            }
        }
        grantTasklist(Role.REP.group());
        grantTasklist(Role.SALES_LEAD.group());
        myTasksFilter();
        adminUser();
        engine.getProcessEngineConfiguration().setPasswordPolicy(EngineUserDirectory.PASSWORDS).setEnablePasswordPolicy(true);
        usersOfEarlierVersions();
    }

    /** Users created before admins were Camunda admins and before users stopped editing themselves. */
    private void usersOfEarlierVersions() {
        for (String admin : users.membersOf(Role.ADMIN)) {
            if (identity.createGroupQuery().groupMember(admin).groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
                identity.createMembership(admin, Groups.CAMUNDA_ADMIN);
            }
        }
        for (Role role : Role.values()) {
            users.membersOf(role).forEach(users::selfServiceReadOnly);
        }
    }

    private boolean group(String id, String type) {
        if (identity.createGroupQuery().groupId(id).count() > 0) {
            return false;
        }
        Group group = identity.newGroup(id);
        group.setName(id);
        group.setType(type);
        identity.saveGroup(group);
        return true;
    }

    private void grantTasklist(String group) {
        if (authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.APPLICATION)
                .resourceId("tasklist").count() == 0) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        }
    }

    private void myTasksFilter() {
        if (filters.createFilterQuery().filterName("My tasks").count() > 0) {
            return;
        }
        var filter = filters.newTaskFilter("My tasks")
                .setQuery(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"))
                .setProperties(Map.of("description", "Follow-ups, first contacts and customer care assigned to me",
                        "priority", -10, "refresh", true));
        filters.saveFilter(filter);
        grant(Role.REP.group(), Resources.FILTER, filter.getId(), Permissions.READ);
        grant(Role.SALES_LEAD.group(), Resources.FILTER, filter.getId(), Permissions.READ);
    }

    private void adminUser() {
        if (identity.createUserQuery().userId(ADMIN).count() > 0) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? randomPassword() : configuredPassword;
        User admin = identity.newUser(ADMIN);
        admin.setFirstName("Admin");
        admin.setPassword(password);
        identity.saveUser(admin);
        identity.createMembership(ADMIN, Role.ADMIN.group());
        identity.createMembership(ADMIN, Groups.CAMUNDA_ADMIN);
        if (generated) {
            // printed once, to the console only: it is not in any log file or table in clear
            System.out.println("""

                    ==============================================================
                      NurtureFlow first start: admin login
                        user:     admin
                        password: %s
                      Set NURTURE_ADMIN_PASSWORD to choose it yourself.
                    ==============================================================
                    """.formatted(password));
        }
    }

    private void grant(String group, Resource resource, String resourceId, Permissions permission) {
        Authorization auth = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        auth.setGroupId(group);
        auth.setResource(resource);
        auth.setResourceId(resourceId);
        auth.addPermission(permission);
        authorizations.saveAuthorization(auth);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
