package dev.postline.core.ops;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Serves the OpenAPI document at {@code /openapi.yml}. Each module's annotation processor writes
 * its own document at build time ({@code META-INF/swagger/*.yml}); they are merged here once,
 * paths and component schemas side by side, so clients see one API. Who may call: anyone.
 */
@Hidden
@Controller("/openapi.yml")
@Secured(SecurityRule.IS_ANONYMOUS)
public class OpenApiController {

    static final List<String> DOCUMENTS = List.of("META-INF/swagger/postline-core.yml", "META-INF/swagger/postline-admin.yml");

    private final String merged;

    public OpenApiController() {
        this.merged = merge(DOCUMENTS);
    }

    @Get
    @Produces("application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(merged);
    }

    @SuppressWarnings("unchecked")
    static String merge(List<String> resources) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> paths = new java.util.TreeMap<>();
        Map<String, Object> schemas = new java.util.TreeMap<>();
        Map<String, Object> securitySchemes = new LinkedHashMap<>();
        Yaml yaml = new Yaml(new LoaderOptions());
        for (String resource : resources) {
            for (URL url : urls(resource)) {
                try (InputStream in = url.openStream()) {
                    Map<String, Object> doc = yaml.load(in);
                    doc.forEach((key, value) -> {
                        if (!key.equals("paths") && !key.equals("components")) {
                            result.putIfAbsent(key, value);
                        }
                    });
                    paths.putAll((Map<String, Object>) doc.getOrDefault("paths", Map.of()));
                    Map<String, Object> components = (Map<String, Object>) doc.getOrDefault("components", Map.of());
                    schemas.putAll((Map<String, Object>) components.getOrDefault("schemas", Map.of()));
                    securitySchemes.putAll((Map<String, Object>) components.getOrDefault("securitySchemes", Map.of()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        result.put("paths", paths);
        result.put("components", Map.of("schemas", schemas, "securitySchemes", securitySchemes));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(result);
    }

    private static List<URL> urls(String resource) {
        try {
            return new ArrayList<>(Collections.list(OpenApiController.class.getClassLoader().getResources(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
