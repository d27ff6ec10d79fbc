#!/bin/sh
cd $1
rm -rf $TARGET/*
