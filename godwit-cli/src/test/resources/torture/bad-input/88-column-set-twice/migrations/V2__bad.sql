update accounts
   set owner = 'a', owner = 'b'
 where id = 1;
