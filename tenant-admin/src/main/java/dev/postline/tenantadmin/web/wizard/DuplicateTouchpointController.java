package dev.postline.tenantadmin.web.wizard;

import dev.postline.core.connector.ConnectorRegistry;
import dev.postline.core.security.Authenticated;
import dev.postline.core.security.Caller;
import dev.postline.core.security.Roles;
import dev.postline.core.touchpoint.TouchpointService;
import dev.postline.core.web.ApiException;
import dev.postline.tenantadmin.web.ErrorPages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import java.util.UUID;

/** "Duplicate": the new-touchpoint wizard prefilled from an existing touchpoint, without its secrets or mailbox identity. */
@Hidden
@Controller("/admin/touchpoints/{touchpointId}/duplicate")
@Secured(Roles.ADMIN)
public class DuplicateTouchpointController {

    private final TouchpointService touchpoints;
    private final ConnectorRegistry connectors;
    private final WizardPage wizardPage;
    private final ErrorPages errors;

    public DuplicateTouchpointController(TouchpointService touchpoints, ConnectorRegistry connectors, WizardPage wizardPage,
                                         ErrorPages errors) {
        this.touchpoints = touchpoints;
        this.connectors = connectors;
        this.wizardPage = wizardPage;
        this.errors = errors;
    }

    @Get
    public HttpResponse<String> duplicate(HttpRequest<?> request, @Authenticated Caller caller, @PathVariable UUID touchpointId) {
        var source = touchpoints.get(caller.tenant(), touchpointId);
        var factory = connectors.find(source.touchpoint().connectorKind().wireName())
                .orElseThrow(() -> ApiException.notFound("connector"));
        return wizardPage.render(request, caller, HttpStatus.OK, WizardStep.CONNECTION,
                WizardDraft.copyOf(source, factory.settingFields()), Map.of(), null, null);
    }

    @Error(exception = ApiException.class)
    public HttpResponse<String> refused(HttpRequest<?> request, ApiException e) {
        return errors.of(request, e);
    }
}
