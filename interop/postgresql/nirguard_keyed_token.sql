-- nirguard keyed tokens (nt1) in PostgreSQL, with pgcrypto's hmac(): docs/spec/README.md §5.
-- The key is the derived 32-byte token key (spec §4), never the key ring: whoever holds it can
-- enumerate every NIR's token. Keep it out of tables and logs (pass it as a bound parameter).
--
--   CREATE EXTENSION IF NOT EXISTS pgcrypto;
--   \i interop/postgresql/nirguard_keyed_token.sql
--   SELECT nirguard_keyed_token($1::bytea, $2::bigint, 'research-42', '255081416802538');
--
-- nir: a NIR (15 characters, or the 13-character body); 2A/2B in either case; the separators
-- nirguard accepts (blanks, . - _ /) are dropped. It is NOT validated here: validate first.

CREATE OR REPLACE FUNCTION nirguard_base32(b bytea) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  -- RFC 4648 base32, lowercase, no padding
  SELECT string_agg(
           substr('abcdefghijklmnopqrstuvwxyz234567',
                  substring(bits FROM 5 * i + 1 FOR 5)::int + 1, 1), '' ORDER BY i)
  FROM (SELECT (('x' || encode(b, 'hex'))::bit varying
                 || repeat('0', (5 - (octet_length(b) * 8) % 5) % 5)::bit varying) AS bits) s,
       generate_series(0, (octet_length(b) * 8 + 4) / 5 - 1) AS i
$$;

CREATE OR REPLACE FUNCTION nirguard_keyed_token(key bytea, key_id bigint, purpose text,
                                                 nir text, birth_date date DEFAULT NULL,
                                                 sex text DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'nt1.' || lpad(to_hex(key_id), 8, '0') || '.'
         || nirguard_base32(substring(hmac(
              convert_to('nirguard-token', 'UTF8') || '\x01'::bytea
              || set_byte('\x00'::bytea, 0, octet_length(convert_to(purpose, 'UTF8')))
              || convert_to(purpose, 'UTF8')
              || '\x0d'::bytea
              || convert_to(upper(left(regexp_replace(nir, '[\s._/\u00a0\u202f-]', '', 'g'), 13)), 'UTF8')
              || CASE WHEN birth_date IS NULL THEN '\x00'::bytea
                      ELSE '\x020a'::bytea || convert_to(to_char(birth_date, 'YYYY-MM-DD'), 'UTF8')
                           || '\x01'::bytea || convert_to(sex, 'UTF8') END,
              key, 'sha256') FROM 1 FOR 16))
$$;
