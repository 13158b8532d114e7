package dev.postline.tenantadmin.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

/** The bare server address is where a person lands first: send them to the pages (sign-in when not signed in). */
@Hidden
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class RootController {

    @Get
    public HttpResponse<String> root() {
        return PageRenderer.seeOther("/admin");
    }
}
