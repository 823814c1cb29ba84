package org.nightlight.db;

import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.engine.spi.ManagedEntity;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.hibernate.tool.schema.Action;

/**
 * Builds Hibernate in code over our pool; the mapping is validated against the migrated schema. The entities must
 * be enhanced at build time ({@link NoRuntimeBytecode}).
 */
public final class Persistence {

    private Persistence() {
    }

    public static SessionFactory sessionFactory(DataSource dataSource, Class<?>... entities) {
        for (Class<?> entity : entities) {
            // without its build-time enhancement an entity would fail only when a lazy association is first read
            if (!ManagedEntity.class.isAssignableFrom(entity)) {
                throw new IllegalStateException(entity.getName() + " is not enhanced: build with ./mvnw, whose"
                        + " hibernate-enhance-maven-plugin enhances the entities (see NoRuntimeBytecode)");
            }
        }
        return new HibernatePersistenceConfiguration("nightlight")
                .managedClasses(entities)
                .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .property("hibernate.query.fail_on_pagination_over_collection_fetch", true)
                .schemaToolingAction(Action.VALIDATE)
                .createEntityManagerFactory();
    }
}
