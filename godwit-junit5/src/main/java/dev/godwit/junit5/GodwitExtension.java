package dev.godwit.junit5;

import dev.godwit.api.GodwitException;
import dev.godwit.api.RunResult;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What {@link GodwitTest} runs. Before a test class: the server (once per JVM) and the class's template database,
 * migrated once through {@code Godwit.migrate()} with every guard. Before each test: a copy of the template
 * ({@code CREATE DATABASE ... TEMPLATE}: 0.1-0.3 s, growing with the database's size, where migrating again would
 * cost the whole history). After it: the copy is dropped.
 */
public final class GodwitExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GodwitExtension.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        template(context); // a class whose migrations fail fails here, once, not in every test
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        Template template = template(context);
        String name = "godwit_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        template.server().cloneDatabase(template.name(), name);
        context.getStore(NAMESPACE).put(GodwitDatabase.class, new GodwitDatabase(template.server(),
                template.migrations(), name));
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        GodwitDatabase db = context.getStore(NAMESPACE).remove(GodwitDatabase.class, GodwitDatabase.class);
        if (db != null) {
            db.server().drop(db.name());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == GodwitDatabase.class || type == DataSource.class) && context.getTestMethod().isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        GodwitDatabase db = context.getStore(NAMESPACE).get(GodwitDatabase.class, GodwitDatabase.class);
        if (db == null) {
            throw new ParameterResolutionException("no Godwit test database for " + parameter.getParameter()
                    + ": it exists from @BeforeEach to @AfterEach; take it in a test or @BeforeEach method");
        }
        return parameter.getParameter().getType() == DataSource.class ? db.dataSource() : db;
    }

    /** The migrated template of this class's migrations, made by the first class that needs it. */
    private static Template template(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        TestServer server = root.getOrComputeIfAbsent(TestServer.class, k -> TestServer.start(), TestServer.class);
        Migrations migrations = Migrations.of(context.getRequiredTestClass());
        return root.getOrComputeIfAbsent(migrations, m -> Template.create(server, migrations), Template.class);
    }

    /** A database with every migration applied, only ever copied; dropped when the test run ends. */
    @SuppressWarnings("deprecation") // CloseableResource: what JUnit before 5.13 closes
    record Template(TestServer server, Migrations migrations, String name)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {

        static Template create(TestServer server, Migrations migrations) {
            String name = migrations.templateName();
            GodwitDatabase db = new GodwitDatabase(server, migrations, name);
            try {
                server.drop(name); // left by an earlier test class path of this JVM that failed half-way
                server.createEmpty(name);
            } catch (SQLException e) {
                throw new ExtensionConfigurationException("could not create the template database " + name + " on "
                        + server.display() + ": " + e.getMessage() + "; the user must be allowed to CREATE DATABASE", e);
            }
            RunResult result;
            try {
                result = db.godwit().load().migrate();
            } catch (GodwitException e) {
                throw new ExtensionConfigurationException("Godwit could not migrate the test database " + name
                        + " (exit " + e.exitCode() + "): " + e.getMessage(), e);
            }
            if (!result.succeeded()) {
                throw new ExtensionConfigurationException("the migrations " + migrations.locations()
                        + " did not apply to the test database: " + result.describe());
            }
            return new Template(server, migrations, name);
        }

        @Override
        public void close() throws SQLException {
            server.drop(name);
        }
    }
}
