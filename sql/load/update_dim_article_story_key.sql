-- Moves stored articles to the story their batch gave them: a new article joined two
-- stories into one, an older one became a story's first, or a replaced or retired article
-- split its story. Only rows whose story changes are written.
-- Input view: staged_story_assignment(article_key, story_key).
update dim_article
set story_key = story.story_key
from staged_story_assignment as story
where dim_article.article_key = story.article_key
  and dim_article.story_key <> story.story_key;
