-- Why: an amount has a value or the reason it has none, never both and never neither (a
-- parser that guesses would leave a value beside a reason; one that fails silently, neither),
-- and a parsed amount always has its unit. Returns this run's rows that break it.
select mention.article_key, mention.start_char, mention.value, mention.unparsed_reason
from fct_amount_mention as mention
where mention.run_id = $run_id
    and ((mention.value is null) = (mention.unparsed_reason is null)
         or (mention.value is not null and mention.unit is null));
