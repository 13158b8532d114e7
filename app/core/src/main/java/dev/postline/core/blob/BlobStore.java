package dev.postline.core.blob;

import dev.postline.core.tenant.TenantId;

/**
 * Content-addressed storage for raw MIME and attachment bytes, kept per tenant. Keys are the
 * SHA-256 of the content, so writing the same bytes twice is harmless and a write may safely
 * happen before the database transaction that references it (an unreferenced blob is garbage,
 * never a loss).
 */
public interface BlobStore {

    /** Stores the bytes durably (fsync) and returns their key. */
    String put(TenantId tenant, byte[] content);

    /**
     * Stores several contents durably and returns their keys in order. The file store syncs them in
     * one round (all written, then all forced) rather than one write-and-force after another.
     */
    default java.util.List<String> putAll(TenantId tenant, java.util.List<byte[]> contents) {
        return contents.stream().map(content -> put(tenant, content)).toList();
    }

    byte[] get(TenantId tenant, String key);
}
