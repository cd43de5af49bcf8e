select 1; /* outer /* inner */ still outer
