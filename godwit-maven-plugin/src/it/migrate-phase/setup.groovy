// A real PostgreSQL for `mvn godwit:migrate`: the embedded server from the plugin's test class path, on a free
// port. Its URL goes into the sample's godwit.toml (without a password: that comes from settings.xml's server).
// With a godwit.toml, its locations are used (as by the CLI), so the file names them.
import dev.godwit.embedded.EmbeddedServer

def server = EmbeddedServer.startThrowaway()
context.put('server', server)
new File(basedir, 'godwit.toml').text = """[database]
url = "postgres://localhost:${server.port()}/postgres"

[migrations]
locations = ["src/main/resources/db/godwit"]

[report]
dir = "target/godwit-reports"
"""
return true
