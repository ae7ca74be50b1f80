-- Which device wrote with which clock node: the node id inside every HLC is a device's own random
-- id, so a conflict's "kept" and "lost" clocks name nodes, not devices. A push records the nodes
-- of the mutations it applied under the name the pushing device gave (REST writes: "rest"), so
-- the owner can read "another device (Laptop)" instead of a clock id.
CREATE TABLE writer_names (
    user_id  UUID NOT NULL,
    node     TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (user_id, node)
);
