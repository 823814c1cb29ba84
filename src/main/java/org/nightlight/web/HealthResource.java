package org.nightlight.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.nightlight.db.ServerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For load balancers and monitoring: is the database reachable, and which schema version is it on. */
@Path("/health")
public final class HealthResource {

    private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final ServerRole serverRole;

    public HealthResource(DataSource dataSource, ServerRole serverRole) {
        this.dataSource = dataSource;
        this.serverRole = serverRole;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        Response.Status status;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            try (ResultSet rs = st.executeQuery("select version from flyway_schema_history"
                    + " where success order by installed_rank desc limit 1")) {
                body.put("status", "UP");
                body.put("database", "UP");
                body.put("schemaVersion", rs.next() ? rs.getString(1) : null);
                status = Response.Status.OK;
            }
            // the app works either way; an operator must see that the safeguards are not out of its reach
            body.put("safeguards", serverRole.safe() ? "PROTECTED" : "AT_RISK");
            if (!serverRole.safe()) {
                body.put("safeguardRisks", serverRole.risks());
            }
        } catch (SQLException e) {
            LOG.warn("health check: database unreachable: {}", e.getMessage());
            body.put("status", "DOWN");
            body.put("database", "DOWN");
            status = Response.Status.SERVICE_UNAVAILABLE;
        }
        return Response.status(status).entity(JSON.writeValueAsString(body))
                .header("Cache-Control", "no-store").build();
    }
}
