
def server = context.get('server')
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('godwit: done (exit 0): 1 migration(s) applied; now at 1') : log
    assert log.contains('pending    2') : log // V2, the contract migration, waits for the contract phase
    assert !log.contains('s3cret-never-shown') : 'the settings.xml password was printed'
    // The driver directly: DriverManager does not see drivers of the script's class loader.
    def props = new Properties()
    props.setProperty('user', 'postgres')
    def c = new org.postgresql.Driver().connect("jdbc:postgresql://localhost:${server.port()}/postgres", props)
    try {
        def rs = c.createStatement().executeQuery('select count(*) from godwit.history where success')
        rs.next()
        assert rs.getLong(1) == 1
        rs = c.createStatement().executeQuery("select count(*) from information_schema.columns where column_name = 'legacy_code'")
        rs.next()
        assert rs.getLong(1) == 1 // the contract migration that drops it did not run
    } finally {
        c.close()
    }
} finally {
    server.close()
}
return true
