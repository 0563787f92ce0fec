-- A webhook worker claims a delivery with a lease instead of a row lock held across its HTTP call: the claim
-- commits at once (no connection or lock is held while the receiver answers, up to 15 s), and the outcome is
-- recorded only while claimed_by still names that claim. A worker that died leaves a lease that expires at
-- claimed_until, after which any worker takes the delivery again (at least once, same webhook-id).
ALTER TABLE webhook_delivery
    ADD COLUMN claimed_by    VARCHAR(100),
    ADD COLUMN claimed_until TIMESTAMPTZ;
