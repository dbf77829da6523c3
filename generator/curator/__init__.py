"""The curator's room: what a person who runs the site does to decide the doubtful papers.

- `review.py`: which papers a label would most likely change (`paperboy review`, the daily
  review issue), and why the model decided one paper as it did (`paperboy check --topic`);
- `comments.py`: a collaborator's comment on a review issue, turned into labels
  (`paperboy curate-comment`);
- `label.py`: one label by hand (`paperboy label`).

Every label goes through the one label writer (generator/storage/labels.py); what a person
reads is rendered by generator/render/curator.py. The decisions themselves are the topic
stage's (generator/topic_stage.py): a label beats the model there, at the next build.
"""
