-- release 1.0: the whole schema, in one file, as golang-migrate projects ship their first version
create table access (
 access_id SERIAL PRIMARY KEY NOT NULL,
 access_code char(1),
 comment varchar (30)
);

insert into access (access_code, comment) values ('M', 'manage'), ('R', 'read'), ('W', 'write');

create table registry_user (
 user_id SERIAL PRIMARY KEY NOT NULL,
 username varchar(255),
 email varchar(255),
 realname varchar (255) NOT NULL,
 deleted boolean DEFAULT false NOT NULL,
 legacy_flag boolean DEFAULT false NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 UNIQUE (username),
 UNIQUE (email)
);

CREATE FUNCTION update_update_time_at_column() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  BEGIN
    NEW.update_time = NOW();
    RETURN NEW;
  END;
$$;

CREATE TRIGGER registry_user_update_time BEFORE UPDATE ON registry_user FOR EACH ROW EXECUTE PROCEDURE update_update_time_at_column();

insert into registry_user (username, realname) values ('admin', 'system admin');

create table project (
 project_id SERIAL PRIMARY KEY NOT NULL,
 owner_id int NOT NULL,
 name varchar (255) NOT NULL,
 creation_time timestamp default CURRENT_TIMESTAMP,
 update_time timestamp default CURRENT_TIMESTAMP,
 deleted boolean DEFAULT false NOT NULL,
 FOREIGN KEY (owner_id) REFERENCES registry_user(user_id),
 UNIQUE (name)
);

create table access_log (
 log_id SERIAL NOT NULL,
 username varchar (255) NOT NULL,
 project_id int NOT NULL,
 repo_name varchar (256),
 operation varchar(20) NOT NULL,
 op_time timestamp default CURRENT_TIMESTAMP,
 primary key (log_id)
);

CREATE INDEX pid_optime ON access_log (project_id, op_time);

CREATE TABLE IF NOT EXISTS schema_version (
    version_num varchar(32) NOT NULL
);

insert into schema_version values ('1.0');
