package dev.postline.core.security;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** The session version of a platform operator, who has no user row (see {@link SessionVersions}). */
@MappedEntity("operator_session")
record OperatorSession(@Id UUID operatorId, long sessionVersion) {}
