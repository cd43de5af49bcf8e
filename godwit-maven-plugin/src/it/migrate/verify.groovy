
def server = context.get('server')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('godwit: done (exit 0): 2 migration(s) applied; now at 2') : log
    assert log.contains('applied    2') : log
    assert log.contains('godwit: lock free') : log
    assert log.contains('V2__transfers.sql:7:1 ran in') : log // each statement with file:line, from Godwit's run log
    assert !log.contains('s3cret-never-shown') : 'the settings.xml password was printed'
    // The driver directly: DriverManager does not see drivers of the script's class loader.
    def props = new Properties()
    props.setProperty('user', 'postgres')
    def c = new org.postgresql.Driver().connect("jdbc:postgresql://localhost:${server.port()}/postgres", props)
    try {
        def rs = c.createStatement().executeQuery('select count(*) from godwit.history where success')
        rs.next()
        assert rs.getLong(1) == 2
        rs = c.createStatement().executeQuery("select count(*) from information_schema.tables where table_name = 'transfers'")
        rs.next()
        assert rs.getLong(1) == 1
    } finally {
        c.close()
    }
} finally {
    server.close()
}
return true
