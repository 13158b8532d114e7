package dev.postline.core.branding;

import dev.postline.core.blob.BlobStore;
import dev.postline.core.db.TenantTransactions;
import dev.postline.core.tenant.TenantId;
import dev.postline.core.web.ApiException;
import dev.postline.mail.HtmlImageSources;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Inline images of a touchpoint's signature and template: JPG, GIF, PNG or BMP, recognised by
 * their content (the declared type must agree), each at most {@link #MAX_BYTES}. The bytes go to
 * the tenant's blob store first (content-addressed, so a failed transaction leaves only garbage).
 */
@Singleton
public class BrandingImageService {

    public static final int MAX_BYTES = 50 * 1024;
    public static final int MAX_IMAGES = 20;

    private final BrandingImageRepository images;
    private final BrandingSettingsStore store;
    private final BlobStore blobs;
    private final TenantTransactions tx;
    private final Clock clock;

    public BrandingImageService(BrandingImageRepository images, BrandingSettingsStore store, BlobStore blobs,
                                TenantTransactions tx, Clock clock) {
        this.images = images;
        this.store = store;
        this.blobs = blobs;
        this.tx = tx;
        this.clock = clock;
    }

    public List<BrandingImage> list(TenantId tenant, UUID touchpointId) {
        return tx.read(tenant, () -> {
            store.touchpoint(tenant, touchpointId);
            return images.findByTenantIdAndTouchpointIdOrderByCreatedAt(tenant.value(), touchpointId);
        });
    }

    /** Checks the touchpoint first, so another tenant's id is a 404 whatever the upload holds. */
    public BrandingImage upload(TenantId tenant, UUID touchpointId, @Nullable String fileName, @Nullable String declaredType,
                                @Nullable byte[] content) {
        tx.read(tenant, () -> store.touchpoint(tenant, touchpointId));
        InlineImageFormat format = check(declaredType, content);
        String key = blobs.put(tenant, content);
        return tx.write(tenant, () -> {
            store.touchpoint(tenant, touchpointId);
            if (images.countByTenantIdAndTouchpointId(tenant.value(), touchpointId) >= MAX_IMAGES) {
                throw ApiException.conflict("a touchpoint has at most " + MAX_IMAGES + " images; delete one first");
            }
            String contentId = "img-" + HexFormat.of().formatHex(randomBytes()) + "@postline";
            return images.save(new BrandingImage(UUID.randomUUID(), tenant.value(), touchpointId, contentId,
                    safeName(fileName, format), format.contentType(), content.length, key, clock.instant()));
        });
    }

    /** Refused while the signature or template still refers to the image. */
    public void delete(TenantId tenant, UUID touchpointId, UUID imageId) {
        tx.write(tenant, () -> {
            BrandingSettings current = store.current(tenant, touchpointId);
            BrandingImage image = images.findByTenantIdAndTouchpointIdAndId(tenant.value(), touchpointId, imageId)
                    .orElseThrow(() -> ApiException.notFound("image"));
            String html = current.signatureHtml() + current.headerHtml() + current.footerHtml();
            if (HtmlImageSources.contentIds(html).contains(image.contentId())) {
                throw ApiException.conflict("the signature or template still shows cid:" + image.contentId() + "; remove it there first");
            }
            images.deleteByTenantIdAndTouchpointIdAndId(tenant.value(), touchpointId, imageId);
        });
    }

    private static InlineImageFormat check(@Nullable String declaredType, @Nullable byte[] content) {
        if (content == null || content.length == 0) {
            throw ApiException.invalid("file", "is required: send the image as the multipart part 'file'");
        }
        if (content.length > MAX_BYTES) {
            throw ApiException.invalid("file", "is " + (content.length + 1023) / 1024 + " KB; a signature image may be at most "
                    + MAX_BYTES / 1024 + " KB");
        }
        InlineImageFormat format = InlineImageFormat.detect(content).orElseThrow(() ->
                ApiException.invalid("file", "is not a JPG, GIF, PNG or BMP image"));
        if (declaredType == null || !format.isDeclaredAs(declaredType)) {
            throw ApiException.invalid("file", "is a " + format.name() + " image but was sent as "
                    + (declaredType == null ? "no type" : declaredType.replaceAll("\\p{Cntrl}", "")) + "; send it as " + format.contentType());
        }
        return format;
    }

    /** A name a mail client can show: the last path segment, plain characters, the format's extension. */
    static String safeName(@Nullable String fileName, InlineImageFormat format) {
        String name = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "").replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        base = base.isEmpty() ? "image" : base.length() > 80 ? base.substring(0, 80) : base;
        return base + "." + format.extension().toLowerCase(Locale.ROOT);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
