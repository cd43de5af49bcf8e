-- godwit:phase contract
comment on table accounts is 'note retired';
