--
-- PostgreSQL database dump (the header pg_dump writes; Godwit users paste these into baselines)
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: fx_rates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.fx_rates (
    base character(3) NOT NULL,
    quote character(3) NOT NULL,
    rate numeric(18,8) NOT NULL,
    as_of date NOT NULL
);


--
-- Name: fx_rates_latest(character, character); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.fx_rates_latest(b character, q character) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$
  SELECT rate FROM public.fx_rates WHERE base = b AND quote = q ORDER BY as_of DESC LIMIT 1;
$$;


--
-- Data for Name: fx_rates; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.fx_rates VALUES ('EUR', 'USD', 1.08310000, '2024-01-02');
INSERT INTO public.fx_rates VALUES ('EUR', 'GBP', 0.86720000, '2024-01-02');
INSERT INTO public.fx_rates VALUES ('EUR', 'CHF', 0.93050000, '2024-01-02');


--
-- Name: fx_rates fx_rates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.fx_rates
    ADD CONSTRAINT fx_rates_pkey PRIMARY KEY (base, quote, as_of);


--
-- Name: fx_rates_quote_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX fx_rates_quote_idx ON public.fx_rates USING btree (quote, as_of DESC);


--
-- PostgreSQL database dump complete
--

