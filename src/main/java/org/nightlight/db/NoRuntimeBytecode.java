package org.nightlight.db;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Hibernate generates no classes at start: the entities are enhanced when the jar is built (pom.xml), so they
 * need no lazy-loading proxies, and fields are read by reflection instead of generated accessors. ByteBuddy
 * making two classes per entity took a fifth of Hibernate's build, on the start's critical path
 * (bench/README.md). Hibernate 7 chooses its bytecode provider by service registration only, hence this
 * contributor (registered in META-INF/services); an entity that is not enhanced fails the start.
 */
public final class NoRuntimeBytecode implements ServiceContributor {

    @Override
    public void contribute(StandardServiceRegistryBuilder registry) {
        registry.addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl());
    }
}
