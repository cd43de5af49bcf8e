package dev.godwit.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test (or a {@code @BeforeEach}) a fresh {@link TestDatabase} on the shared {@link TestServer},
 * dropped when the test ends. Use with {@code @ExtendWith(PostgresExtension.class)} and a
 * {@code TestDatabase} parameter.
 */
public final class PostgresExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestServer server = TestServer.get();
        TestDatabase db = server.newDatabase();
        context.getStore(ExtensionContext.Namespace.create(PostgresExtension.class, db.name()))
                .put("db", (AutoCloseable) () -> server.drop(db));
        return db;
    }
}
