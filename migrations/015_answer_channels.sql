-- How a response reached us: answered online, keyed in from a returned paper form, or answered
-- with a peer supporter's help through the normal journey. Only the channel is kept: nothing says
-- who keyed a paper form or who helped. Paper forms never have a draft.
ALTER TABLE drafts ADD COLUMN channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'assisted'));
ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper', 'assisted'));
-- A waiting response carries its channel inside its JSON body (pending_responses.body); a body
-- written before this migration has none and counts as online.
