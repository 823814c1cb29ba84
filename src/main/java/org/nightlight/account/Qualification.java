package org.nightlight.account;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

@Embeddable
public record Qualification(
        @Column(name = "language_code", nullable = false) String languageCode,
        @Enumerated(EnumType.STRING) @Column(nullable = false) Capability capability) {
}
